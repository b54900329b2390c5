package dev.gatewaystack.support.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tokens whose signature and claims were checked moments ago. A client sends the same bearer token with every
 * request; checking its RSA signature each time was the largest single cost of an authenticated read. A token is
 * taken from here only while it is unexpired (its {@code exp} plus the leeway, as the claims check would decide) and
 * for at most {@link #REUSE} after its check. Revocation is never taken from here: {@link SignedTokenRules} checks it
 * on every call, and so is the key: a hit counts only while the key source still holds the keys the token's
 * {@code kid} named at its check ({@link SignedTokenRules}), so a key removed or replaced ends the reuse at once.
 */
final class VerifiedTokens {
    static final Duration REUSE = Duration.ofSeconds(30);
    /** About 2 KB each (the token and its claims): bounded so distinct tokens cannot fill the heap. */
    static final int MAX_ENTRIES = 2_000;

    /** A check to reuse: the claims, and the keys the token's header selected (and how) when it was checked. */
    record Entry(JWTClaimsSet claims, JWKMatcher matcher, List<JWK> keys, long validUntilMillis) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long leewayMillis;
    private final LongSupplier clockMillis;

    VerifiedTokens(Duration leeway, LongSupplier clockMillis) {
        this.leewayMillis = leeway.toMillis();
        this.clockMillis = clockMillis;
    }

    /** The check of {@code token} if it passed every check within {@link #REUSE} and has not expired since. */
    Entry get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clockMillis.getAsLong() >= entry.validUntilMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry;
    }

    /** Records a token that just passed the signature and claims checks. */
    void put(String token, JWTClaimsSet claims, JWKMatcher matcher, List<JWK> keys) {
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return;
        }
        long now = clockMillis.getAsLong();
        long validUntil = Math.min(now + REUSE.toMillis(), expiry.getTime() + leewayMillis);
        if (validUntil <= now) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // many distinct tokens at once: start over rather than grow
        }
        entries.put(token, new Entry(claims, matcher, List.copyOf(keys), validUntil));
    }
}
