package dev.gatewaystack.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaystack.support.token.SignedTokenRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * auth-service's revoked access-token ids, copied into memory by polling its internal route
 * {@code /internal/revoked-access-tokens} (every {@code interval}, ~2 s), so a request never waits on a network
 * call for the check. Entries are kept until their token has expired (plus the verifier's clock leeway), so the set
 * is bounded by the access-token lifetime.
 *
 * <p>Each answer is merged into the set, never replacing it: a replica of auth-service whose own copy lags cannot
 * un-revoke anything. While auth-service cannot be reached the last set is kept (and the failure logged): tokens it
 * listed stay refused; a token revoked during the outage cannot be, since revoking needs auth-service. Until the
 * first successful poll {@link #loaded()} is false and callers must not treat a token as valid.
 */
public final class RevokedTokens implements SignedTokenRules.Revocations, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RevokedTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keep an id this long past its token's expiry: the verifier accepts expired tokens within its clock skew. */
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofMinutes(2);

    private final URI uri;
    private final Duration interval;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile Instant lastSuccess;
    private volatile boolean failing;

    public RevokedTokens(URI uri, Duration interval, Clock clock) {
        this.uri = uri;
        this.interval = interval;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("revoked-tokens-poll").daemon().unstarted(r));
    }

    /** Reads the list once (so a service that starts after auth-service can answer at once), then polls. */
    public RevokedTokens start() {
        poll();
        timer.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** True once auth-service's list has been read at least once. */
    @Override
    public boolean loaded() {
        return lastSuccess != null;
    }

    /** When the list was last read successfully; null if never. */
    public Instant lastRead() {
        return lastSuccess;
    }

    @Override
    public boolean isRevoked(String jti) {
        return jti != null && revoked.containsKey(jti);
    }

    /** One poll; never throws (the timer would stop), a failure keeps the previous set. */
    void poll() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode());
            }
            JsonNode tokens = JSON.readTree(r.body()).path("tokens");
            if (!tokens.isArray()) {
                throw new IOException("no tokens array in the answer");
            }
            for (JsonNode t : tokens) {
                String jti = t.path("jti").asText(null);
                if (jti != null && t.path("exp").canConvertToLong()) {
                    revoked.put(jti, Instant.ofEpochSecond(t.path("exp").asLong()));
                }
            }
            Instant cutoff = clock.instant().minus(KEEP_AFTER_EXPIRY);
            revoked.values().removeIf(exp -> exp.isBefore(cutoff));
            lastSuccess = clock.instant();
            if (failing) {
                LOG.info("revoked token list from {} is reachable again ({} ids)", uri, revoked.size());
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                LOG.warn("cannot read revoked tokens from {}; keeping the last list (read {}): {}", uri,
                        lastSuccess == null ? "never" : lastSuccess, e.toString());
                failing = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
