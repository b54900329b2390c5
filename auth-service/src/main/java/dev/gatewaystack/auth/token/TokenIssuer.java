package dev.gatewaystack.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatewaystack.auth.AuthSettings;
import dev.gatewaystack.auth.crypto.Secrets;
import dev.gatewaystack.auth.keys.SigningKeys;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs access tokens, ID tokens and session cookies with the active key (RS256, {@code kid} in the header). */
public final class TokenIssuer {
    private final AuthSettings settings;
    private final SigningKeys keys;
    private final Clock clock;

    public record Issued(String value, String jti, Instant expiresAt) {
    }

    public TokenIssuer(AuthSettings settings, SigningKeys keys, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
    }

    /** Access token: {@code iss, sub, aud, exp, iat, nbf, jti, scope, roles, client_id}. */
    public Issued accessToken(String subject, String clientId, String scope, List<String> roles) {
        Instant now = clock.instant();
        Instant exp = now.plus(settings.accessTtl());
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(subject)
                .audience(List.of(settings.audience()))
                .expirationTime(Date.from(exp))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .jwtID(jti)
                .claim("scope", scope)
                .claim("roles", roles)
                .claim("client_id", clientId)
                .build();
        return new Issued(sign(claims), jti, exp);
    }

    /**
     * OIDC ID token for the client (aud = client id), with nonce, auth_time, at_hash and {@code sid} (the browser
     * session it came from; an id_token_hint at log-out names the session to end).
     */
    public Issued idToken(UUID userId, String email, List<String> roles, String clientId, String nonce,
                          Instant authTime, String sessionId, String accessToken) {
        Instant now = clock.instant();
        Instant exp = now.plus(settings.idTtl());
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(userId.toString())
                .audience(clientId)
                .expirationTime(Date.from(exp))
                .issueTime(Date.from(now))
                .jwtID(jti)
                .claim("auth_time", authTime.getEpochSecond())
                .claim("azp", clientId)
                .claim("at_hash", leftHalfHash(accessToken))
                .claim("email", email)
                .claim("roles", roles);
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (sessionId != null) {
            claims.claim("sid", sessionId);
        }
        return new Issued(sign(claims.build()), jti, exp);
    }

    /** Browser session for the edge check (admin UIs): audience is the session audience, never the API's. */
    public Issued sessionToken(UUID userId, List<String> roles) {
        Instant now = clock.instant();
        Instant exp = now.plus(settings.sessionTtl());
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(userId.toString())
                .audience(settings.sessionAudience())
                .expirationTime(Date.from(exp))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .jwtID(jti)
                .claim("roles", roles)
                .build();
        return new Issued(sign(claims), jti, exp);
    }

    private String sign(JWTClaimsSet claims) {
        RSAKey key = keys.current().signing();
        if (key == null) {
            throw new IllegalStateException("no signing key loaded");
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    /** OIDC Core 3.1.3.6: base64url of the left half of SHA-256 of the access token. */
    static String leftHalfHash(String token) {
        byte[] digest = Secrets.digest(token.getBytes(StandardCharsets.US_ASCII));
        return Base64URL.encode(Arrays.copyOf(digest, digest.length / 2)).toString();
    }
}
