package dev.gatewaystack.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static dev.gatewaystack.api.auth.AccessTokenRejected.Reason.INSUFFICIENT_SCOPE;
import static dev.gatewaystack.api.auth.AccessTokenRejected.Reason.INVALID;
import static dev.gatewaystack.api.auth.AccessTokenRejected.Reason.UNAVAILABLE;

/**
 * The access-token contract of auth-service, free of any web framework (so it can move to a shared module): a JWS
 * RS256 ({@code alg=none} and HMAC tricks fail key selection) whose {@code kid} is in the issuer's JWKS, {@code typ}
 * JWT or at+jwt, {@code iss} and {@code aud} as configured, {@code exp}/{@code nbf} (60 s leeway), {@code sub},
 * {@code iat} and {@code jti} present, the {@code jti} not revoked, and the required scope in {@code scope}.
 * Checks run in that order, so a revoked token is 401 whatever its scope. No network call per token: keys and
 * revocations are cached by their sources.
 */
public final class AccessTokenVerifier {
    /** The revoked token ids, held in memory by their source. */
    public interface Revocations {
        boolean loaded();

        boolean isRevoked(String jti);
    }

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final Revocations revocations;
    private final String requiredScope;

    public AccessTokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience,
                               Revocations revocations, String requiredScope) {
        this.revocations = revocations;
        this.requiredScope = requiredScope;
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", "jti")));
    }

    public Caller verify(String token) throws AccessTokenRejected {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new AccessTokenRejected(INVALID, "The access token is malformed");
        } catch (BadJOSEException e) {
            throw new AccessTokenRejected(INVALID, "The access token is not valid: " + e.getMessage());
        } catch (JOSEException e) {
            // The JWKS cannot be fetched (RemoteKeys says so only when it really cannot): not the caller's fault.
            throw new AccessTokenRejected(UNAVAILABLE, "Access tokens cannot be verified right now: "
                    + e.getMessage());
        }
        if (!revocations.loaded()) {
            throw new AccessTokenRejected(UNAVAILABLE,
                    "The list of revoked access tokens has not been read yet; try again shortly");
        }
        if (revocations.isRevoked(claims.getJWTID())) {
            throw new AccessTokenRejected(INVALID, "The access token has been revoked");
        }
        if (!scopes(claims).test(requiredScope)) {
            throw new AccessTokenRejected(INSUFFICIENT_SCOPE,
                    "The access token lacks the scope " + requiredScope);
        }
        try {
            List<String> roles = claims.getStringListClaim("roles");
            return new Caller(claims.getSubject(), roles == null ? List.of() : List.copyOf(roles));
        } catch (ParseException e) {
            throw new AccessTokenRejected(INVALID, "The access token's roles are not a list of strings");
        }
    }

    public String requiredScope() {
        return requiredScope;
    }

    /** RFC 8693 / RFC 9068 {@code scope}: space-separated names in one string. */
    private static Predicate<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (!(scope instanceof String s)) {
            return name -> false;
        }
        Set<String> names = Set.copyOf(Arrays.asList(s.trim().split("\\s+")));
        return names::contains;
    }
}
