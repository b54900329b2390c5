package dev.gatewaystack.support.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static dev.gatewaystack.support.token.AccessTokenRejected.Reason.INSUFFICIENT_SCOPE;

/**
 * The access-token contract of auth-service, the same in every service: {@link SignedTokenRules} with the API
 * audience and the claims auth-service always writes ({@code sub}, {@code exp}, {@code iat}, {@code jti},
 * {@code scope}, {@code client_id}), then, when the service requires one, the scope. Checks run in that order, so a
 * revoked token is 401 whatever its scope. A service plugs in its key source (api-service: the JWKS it fetched;
 * auth-service: its own signing keys) and its revocation list.
 */
public final class AccessTokenVerifier {
    public static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "exp", "iat", "jti", "scope", "client_id");

    private final SignedTokenRules rules;
    private final String requiredScope;

    /** @param requiredScope a scope every token must carry, or null when the service checks scopes itself */
    public AccessTokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, Duration leeway,
                               SignedTokenRules.Revocations revocations, String requiredScope) {
        this.rules = new SignedTokenRules(keys, issuer, audience, REQUIRED_CLAIMS, leeway, revocations);
        this.requiredScope = requiredScope;
    }

    public Caller verify(String token) throws AccessTokenRejected {
        Caller caller = SignedTokenRules.caller(rules.verify(token));
        if (requiredScope != null && !caller.hasScope(requiredScope)) {
            throw new AccessTokenRejected(INSUFFICIENT_SCOPE, "The access token lacks the scope " + requiredScope);
        }
        return caller;
    }

    public Optional<String> requiredScope() {
        return Optional.ofNullable(requiredScope);
    }
}
