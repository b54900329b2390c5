package dev.gatewaystack.support.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static dev.gatewaystack.support.token.AccessTokenRejected.Reason.INVALID;
import static dev.gatewaystack.support.token.AccessTokenRejected.Reason.UNAVAILABLE;

/**
 * The rules every token signed by auth-service is checked against, whichever service checks it: a JWS RS256 only
 * ({@code alg=none}, HMAC and encrypted tokens fail), signed by a key of the given source, header {@code typ}
 * {@code JWT} or absent, {@code iss} equal to the issuer, {@code aud} containing the audience, {@code exp}/{@code nbf}
 * within the leeway, the required claims present, and the {@code jti} not revoked. {@link AccessTokenVerifier} uses
 * it with the access-token audience and claims; auth-service also uses it for its session cookie. The signature and
 * claims check of a token is reused for up to 30 s while it is unexpired and its key is still in the key source
 * ({@link VerifiedTokens}); its revocation is checked on every call.
 */
public final class SignedTokenRules {
    /** Clock leeway for {@code exp}/{@code nbf} unless a service configures another one. */
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);

    /** The revoked token ids, held in memory by their source (no network call per token). */
    public interface Revocations {
        boolean isRevoked(String jti);

        /** False until the source has read the list once: then no token can be taken as unrevoked. */
        default boolean loaded() {
            return true;
        }
    }

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final Revocations revocations;
    private final VerifiedTokens verified;
    private final JWKSource<SecurityContext> keys;

    public SignedTokenRules(JWKSource<SecurityContext> keys, String issuer, String audience, Set<String> requiredClaims,
                            Duration leeway, Revocations revocations) {
        this.revocations = revocations;
        this.keys = keys;
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                requiredClaims,
                Set.of());
        claims.setMaxClockSkew(Math.toIntExact(leeway.toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
        verified = new VerifiedTokens(leeway, System::currentTimeMillis); // Nimbus's claims check reads this clock too
    }

    /** The claims of a token that passes every rule. */
    public JWTClaimsSet verify(String token) throws AccessTokenRejected {
        if (token == null || token.isBlank()) {
            throw new AccessTokenRejected(INVALID, "No token");
        }
        JWTClaimsSet claims;
        try {
            VerifiedTokens.Entry reused = verified.get(token);
            if (reused != null && keys.get(new JWKSelector(reused.matcher()), null).containsAll(reused.keys())) {
                claims = reused.claims(); // checked moments ago, and its keys are still the key source's
            } else {
                claims = processor.process(token, null);
                // The keys the processor's selector took for this header, to see at reuse that they are still there.
                JWKMatcher matcher = JWKMatcher.forJWSHeader(SignedJWT.parse(token).getHeader());
                List<JWK> used = matcher == null ? List.of() : keys.get(new JWKSelector(matcher), null);
                if (!used.isEmpty()) {
                    verified.put(token, claims, matcher, used);
                }
            }
        } catch (ParseException e) {
            throw new AccessTokenRejected(INVALID, "The token is malformed");
        } catch (BadJOSEException e) {
            throw new AccessTokenRejected(INVALID, "The token is not valid: " + e.getMessage());
        } catch (KeySourceException e) {
            // The key source says so only when the keys really cannot be read: not the caller's fault.
            throw new AccessTokenRejected(UNAVAILABLE, "Tokens cannot be verified right now: " + e.getMessage());
        } catch (JOSEException e) {
            // Anything else the JOSE layer cannot process is in the token, so the caller's mistake.
            throw new AccessTokenRejected(INVALID, "The token cannot be processed: " + e.getMessage());
        }
        if (!revocations.loaded()) {
            throw new AccessTokenRejected(UNAVAILABLE,
                    "The list of revoked tokens has not been read yet; try again shortly");
        }
        if (revocations.isRevoked(claims.getJWTID())) {
            throw new AccessTokenRejected(INVALID, "The token has been revoked");
        }
        return claims;
    }

    /** The caller a verified token names; a {@code roles} or {@code scope} of the wrong type is a bad token. */
    public static Caller caller(JWTClaimsSet claims) throws AccessTokenRejected {
        try {
            List<String> roles = Optional.ofNullable(claims.getStringListClaim("roles")).orElse(List.of());
            if (roles.stream().anyMatch(Objects::isNull)) {
                throw new AccessTokenRejected(INVALID, "The token's roles contain a null");
            }
            return new Caller(claims.getSubject(), roles, claims.getStringClaim("scope"),
                    claims.getStringClaim("client_id"), claims.getJWTID(), claims.getExpirationTime().toInstant());
        } catch (ParseException e) {
            throw new AccessTokenRejected(INVALID, "The token's roles or scope have the wrong type");
        }
    }
}
