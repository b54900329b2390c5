package dev.gatewaystack.auth.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.gatewaystack.auth.keys.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * This service's published keys as the key source of the shared token rules. No database round trip unless an
 * unknown {@code kid} shows up (a rotation on another replica), and then at most once per 30 seconds; a reload that
 * fails keeps the current keys, so the unknown kid is refused (401) rather than turned into an error.
 */
public final class LocalKeys implements JWKSource<SecurityContext> {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKeys.class);
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(30);

    private final Supplier<JWKSet> published;
    private final Runnable reload;
    private final Clock clock;
    /** Compare-and-set, so that many requests with the same unknown kid at once reload once, not each. */
    private final AtomicReference<Instant> lastReload = new AtomicReference<>(Instant.EPOCH);

    public LocalKeys(SigningKeys keys, Clock clock) {
        this(() -> keys.current().published(), keys::load, clock);
    }

    LocalKeys(Supplier<JWKSet> published, Runnable reload, Clock clock) {
        this.published = published;
        this.reload = reload;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        Set<String> kids = selector.getMatcher().getKeyIDs();
        if (kids != null) {
            kids.forEach(this::reloadOnUnknownKid);
        }
        return selector.select(published.get());
    }

    /** The published key with this id, after a reload if it is unknown; null if there is none. */
    public JWK byKid(String kid) {
        reloadOnUnknownKid(kid);
        return kid == null ? null : published.get().getKeyByKeyId(kid);
    }

    private void reloadOnUnknownKid(String kid) {
        if (kid == null || published.get().getKeyByKeyId(kid) != null) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastReload.get();
        if (last.plus(RELOAD_AT_MOST_EVERY).isBefore(now) && lastReload.compareAndSet(last, now)) {
            try {
                reload.run();
            } catch (RuntimeException e) {
                LOG.warn("reloading the signing keys for an unknown kid failed; keeping the current ones: {}",
                        e.toString());
            }
        }
    }
}
