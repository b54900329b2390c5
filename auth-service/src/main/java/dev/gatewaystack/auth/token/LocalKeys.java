package dev.gatewaystack.auth.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
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

/**
 * This service's published keys as the key source of the shared token rules. No database round trip unless an
 * unknown {@code kid} shows up (a rotation on another replica), and then at most once per 30 seconds; a reload that
 * fails keeps the current keys, so the unknown kid is refused (401) rather than turned into an error.
 */
public final class LocalKeys implements JWKSource<SecurityContext> {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKeys.class);
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(30);

    private final SigningKeys keys;
    private final Clock clock;
    private volatile Instant lastReload = Instant.EPOCH;

    public LocalKeys(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        Set<String> kids = selector.getMatcher().getKeyIDs();
        if (kids != null) {
            kids.forEach(this::reloadOnUnknownKid);
        }
        return selector.select(keys.current().published());
    }

    /** The published key with this id, after a reload if it is unknown; null if there is none. */
    public JWK byKid(String kid) {
        reloadOnUnknownKid(kid);
        return kid == null ? null : keys.current().published().getKeyByKeyId(kid);
    }

    private void reloadOnUnknownKid(String kid) {
        if (kid == null || keys.current().published().getKeyByKeyId(kid) != null) {
            return;
        }
        Instant now = clock.instant();
        if (lastReload.plus(RELOAD_AT_MOST_EVERY).isBefore(now)) {
            lastReload = now;
            try {
                keys.load();
            } catch (RuntimeException e) {
                LOG.warn("reloading the signing keys for an unknown kid failed; keeping the current ones: {}",
                        e.toString());
            }
        }
    }
}
