package dev.gatewaystack.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatewaystack.auth.AuthSettings;
import dev.gatewaystack.auth.keys.SigningKeys;
import dev.gatewaystack.support.token.AccessTokenRejected;
import dev.gatewaystack.support.token.AccessTokenVerifier;
import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.support.token.SignedTokenRules;

import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Validation of tokens this service signed, entirely in memory: access tokens by service-support's
 * {@link AccessTokenVerifier} (the contract api-service applies too; no scope is required here, userinfo checks
 * {@code openid} itself), session cookies by the same {@link SignedTokenRules} with the session audience, both with
 * this service's keys ({@link LocalKeys}) and its {@link RevocationList}. Neither source ever reports itself
 * unavailable, so every refusal here is an invalid token.
 */
public final class TokenVerifier {
    private final AuthSettings settings;
    private final LocalKeys keys;
    private final AccessTokenVerifier accessTokens;
    private final SignedTokenRules sessions;

    /** Why a token was refused (kept internal; clients only learn "invalid_token"). */
    public static final class InvalidToken extends Exception {
        public InvalidToken(String message) {
            super(message, null, false, false);
        }
    }

    public TokenVerifier(AuthSettings settings, SigningKeys signingKeys, RevocationList revocations, Clock clock) {
        this.settings = settings;
        this.keys = new LocalKeys(signingKeys, clock);
        this.accessTokens = new AccessTokenVerifier(keys, settings.issuer(), settings.audience(),
                settings.clockSkew(), revocations::isRevoked, null);
        this.sessions = new SignedTokenRules(keys, settings.issuer(), settings.sessionAudience(),
                Set.of("sub", "exp", "iat", "jti"), settings.clockSkew(), revocations::isRevoked);
    }

    public Caller verifyAccessToken(String token) throws InvalidToken {
        try {
            return accessTokens.verify(token);
        } catch (AccessTokenRejected e) {
            throw new InvalidToken(e.getMessage());
        }
    }

    public Caller verifySession(String token) throws InvalidToken {
        try {
            return SignedTokenRules.caller(sessions.verify(token));
        } catch (AccessTokenRejected e) {
            throw new InvalidToken(e.getMessage());
        }
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
        JWK key = keys.byKid(signed.getHeader().getKeyID());
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
}
