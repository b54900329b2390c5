package dev.gatewaystack.support.token;

import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tokens whose signature and claims were checked moments ago. A client sends the same bearer token with every
 * request; checking its RSA signature each time was the largest single cost of an authenticated read. A token is
 * taken from here only while it is unexpired (its {@code exp} plus the leeway, as the claims check would decide) and
 * for at most {@link #REUSE} after its check. Revocation is never taken from here: {@link SignedTokenRules} checks it
 * on every call. What a hit does not see: a key removed from the key source since the check (a token it signed is
 * accepted for at most {@link #REUSE} longer).
 */
final class VerifiedTokens {
    static final Duration REUSE = Duration.ofSeconds(30);
    /** About 2 KB each (the token and its claims): bounded so distinct tokens cannot fill the heap. */
    static final int MAX_ENTRIES = 2_000;

    private record Entry(JWTClaimsSet claims, long validUntilMillis) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long leewayMillis;
    private final LongSupplier clockMillis;

    VerifiedTokens(Duration leeway, LongSupplier clockMillis) {
        this.leewayMillis = leeway.toMillis();
        this.clockMillis = clockMillis;
    }

    /** The claims of {@code token} if it passed every check within {@link #REUSE} and has not expired since. */
    JWTClaimsSet get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clockMillis.getAsLong() >= entry.validUntilMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.claims();
    }

    /** Records a token that just passed the signature and claims checks. */
    void put(String token, JWTClaimsSet claims) {
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
        entries.put(token, new Entry(claims, validUntil));
    }
}
