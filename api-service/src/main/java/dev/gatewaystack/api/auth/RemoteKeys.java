package dev.gatewaystack.api.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The issuer's JWKS, fetched lazily, kept for {@code ttl}, and refetched when a token names a {@code kid} it does
 * not hold, at most once per {@code refetchInterval}. Unlike Nimbus's rate-limited source, a caller arriving inside
 * the interval is never turned away: it waits for the next allowed refetch (one fetch serves every waiting caller)
 * and then gets an answer. So
 * <ul>
 *   <li>a kid the freshly fetched set does not hold is unknown: an empty selection, which the processor turns into
 *       a 401, however many such tokens arrive;</li>
 *   <li>a {@link KeySourceException} (503) only when the keys really could not be fetched: no set was ever fetched,
 *       or the refetch this caller waited for failed;</li>
 *   <li>the periodic refresh (after {@code ttl}) never makes a caller wait, and a failed one keeps the previous
 *       set (tokens signed with known keys keep working, at full speed, while the issuer is away).</li>
 * </ul>
 */
public final class RemoteKeys implements JWKSource<SecurityContext> {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteKeys.class);

    /** What the last fetch attempt left: the newest set fetched (or null), when, and whether the attempt failed. */
    private record State(JWKSet keys, Instant fetchedAt, Instant attemptedAt, Exception failure) {
    }

    private final URL url;
    private final ResourceRetriever retriever;
    private final Duration ttl;
    private final Duration refetchInterval;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile State state = new State(null, Instant.EPOCH, Instant.EPOCH, null);

    public RemoteKeys(URL url, ResourceRetriever retriever, Duration ttl, Duration refetchInterval, Clock clock) {
        this.url = url;
        this.retriever = retriever;
        this.ttl = ttl;
        this.refetchInterval = refetchInterval;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        State seen = state;
        if (seen.keys() == null) {
            seen = refetch(seen);
            if (seen.keys() == null) {
                throw unavailable(seen);
            }
        } else if (clock.instant().isAfter(seen.fetchedAt().plus(ttl))) {
            seen = refreshWithoutWaiting(seen);
        }
        List<JWK> found = selector.select(seen.keys());
        if (!found.isEmpty()) {
            return found;
        }
        // Unknown kid: maybe a key published since the last fetch. Ask the issuer (rate-limited, never refused).
        State after = refetch(seen);
        if (after.failure() != null && after.attemptedAt().isAfter(seen.attemptedAt())) {
            throw unavailable(after);
        }
        return selector.select(after.keys());
    }

    /**
     * The periodic refresh of a set we already hold never makes a caller wait: only when the refetch interval has
     * passed and nobody else is fetching does this caller fetch; otherwise (and on failure) the held keys serve.
     */
    private State refreshWithoutWaiting(State seen) {
        if (clock.instant().isBefore(seen.attemptedAt().plus(refetchInterval)) || !fetching.tryLock()) {
            return seen;
        }
        try {
            return state == seen ? fetch(seen) : state;
        } finally {
            fetching.unlock();
        }
    }

    /**
     * One fetch after {@code seen}, waiting out the refetch interval; callers that saw the same state share it (the
     * first to get the lock fetches, the others find the state already replaced).
     */
    private State refetch(State seen) throws KeySourceException {
        try {
            Duration wait = Duration.between(clock.instant(), seen.attemptedAt().plus(refetchInterval));
            if (!wait.isNegative() && !wait.isZero()) {
                Thread.sleep(wait);
            }
            fetching.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeySourceException("interrupted while waiting for the JWKS", e);
        }
        try {
            State current = state;
            return current != seen ? current : fetch(seen);
        } finally {
            fetching.unlock();
        }
    }

    /** Fetches under the lock; a failure keeps the held keys and records when it happened. */
    private State fetch(State seen) {
        Instant now = clock.instant();
        State next;
        try {
            JWKSet keys = JWKSet.parse(retriever.retrieveResource(url).getContent());
            next = new State(keys, now, now, null);
        } catch (IOException | ParseException | RuntimeException e) {
            LOG.warn("cannot fetch the JWKS from {}: {}", url, e.toString());
            next = new State(seen.keys(), seen.fetchedAt(), now, e);
        }
        state = next;
        return next;
    }

    private KeySourceException unavailable(State s) {
        return new KeySourceException("the JWKS at " + url + " cannot be fetched: " + s.failure(), s.failure());
    }
}
