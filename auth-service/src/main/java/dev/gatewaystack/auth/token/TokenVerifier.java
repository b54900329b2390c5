package dev.gatewaystack.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatewaystack.auth.AuthSettings;
import dev.gatewaystack.auth.keys.SigningKeys;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Local validation of tokens this service signed: RS256 only (so {@code alg=none} and HMAC tricks fail), a key from
 * the current set, issuer, audience, {@code exp}/{@code nbf} with a small clock skew, required claims, and the
 * in-memory revocation list. No database round trip unless an unknown {@code kid} shows up (a rotation elsewhere),
 * and then at most once per 30 seconds.
 */
public final class TokenVerifier {
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(30);

    private final AuthSettings settings;
    private final SigningKeys keys;
    private final RevocationList revocations;
    private final Clock clock;
    private volatile Instant lastReload = Instant.EPOCH;

    /** A verified token's subject, roles, scope, client and id. */
    public record Verified(String subject, List<String> roles, String scope, String clientId, String jti,
                           Instant expiresAt) {
        public boolean hasScope(String wanted) {
            return scope != null && List.of(scope.split(" ")).contains(wanted);
        }
    }

    /** Why a token was refused (kept internal; clients only learn "invalid_token"). */
    public static final class InvalidToken extends Exception {
        public InvalidToken(String message) {
            super(message, null, false, false);
        }
    }

    public TokenVerifier(AuthSettings settings, SigningKeys keys, RevocationList revocations, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.revocations = revocations;
        this.clock = clock;
    }

    public Verified verifyAccessToken(String token) throws InvalidToken {
        return verify(token, settings.audience(), Set.of("sub", "exp", "iat", "jti", "scope", "client_id"));
    }

    public Verified verifySession(String token) throws InvalidToken {
        return verify(token, settings.sessionAudience(), Set.of("sub", "exp", "iat", "jti"));
    }

    /** What a verified id_token_hint names: the user, the client(s) it was issued to, and its session if any. */
    public record IdTokenHint(String subject, List<String> audience, String sessionId) {
    }

    /**
     * An ID token this provider signed, used as a log-out hint: signature (RS256, a published key) and issuer are
     * checked, expiry is not (OIDC RP-Initiated Logout 1.0 section 4: an expired ID token is still a valid hint).
     */
    public IdTokenHint verifyIdTokenHint(String token) throws InvalidToken {
        SignedJWT signed;
        try {
            signed = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidToken("not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
            throw new InvalidToken("not RS256");
        }
        String kid = signed.getHeader().getKeyID();
        reloadOnUnknownKid(kid);
        JWK key = kid == null ? null : keys.current().published().getKeyByKeyId(kid);
        try {
            if (!(key instanceof RSAKey rsa) || !signed.verify(new RSASSAVerifier(rsa.toRSAPublicKey()))) {
                throw new InvalidToken("bad signature or unknown key");
            }
            JWTClaimsSet claims = signed.getJWTClaimsSet();
            if (!settings.issuer().equals(claims.getIssuer()) || claims.getSubject() == null
                    || claims.getAudience().isEmpty() || claims.getClaim("at_hash") == null) {
                throw new InvalidToken("not an ID token of this issuer");
            }
            return new IdTokenHint(claims.getSubject(), claims.getAudience(), claims.getStringClaim("sid"));
        } catch (JOSEException | ParseException e) {
            throw new InvalidToken(e.getMessage());
        }
    }

    private Verified verify(String token, String audience, Set<String> required) throws InvalidToken {
        if (token == null || token.isBlank()) {
            throw new InvalidToken("no token");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidToken("not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidToken("not a signed JWT (alg " + jwt.getHeader().getAlgorithm() + ")");
        }
        reloadOnUnknownKid(signed.getHeader().getKeyID());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(keys.current().published())));
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(
                Set.of(audience),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                required,
                Set.of());
        claimsVerifier.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (Exception e) {
            throw new InvalidToken(e.getMessage());
        }
        if (revocations.isRevoked(claims.getJWTID())) {
            throw new InvalidToken("revoked");
        }
        try {
            List<String> roles = Optional.ofNullable(claims.getStringListClaim("roles")).orElse(List.of());
            return new Verified(claims.getSubject(), roles, claims.getStringClaim("scope"),
                    claims.getStringClaim("client_id"), claims.getJWTID(), claims.getExpirationTime().toInstant());
        } catch (ParseException e) {
            throw new InvalidToken("malformed claims");
        }
    }

    private void reloadOnUnknownKid(String kid) {
        if (kid == null || keys.current().published().getKeyByKeyId(kid) != null) {
            return;
        }
        Instant now = clock.instant();
        if (lastReload.plus(RELOAD_AT_MOST_EVERY).isBefore(now)) {
            lastReload = now;
            keys.load();
        }
    }
}
