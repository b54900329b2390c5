package dev.gatewaystack.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatewaystack.api.auth.Caller;
import dev.gatewaystack.api.auth.JwtAuthenticator;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.api.support.TestJwks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Access tokens in the shared contract's format are accepted; forged or stale ones are refused with 401. */
class JwtAuthenticationTest {
    private static TestJwks jwks;
    private static JwtAuthenticator authenticator;

    @BeforeAll
    static void start() {
        jwks = new TestJwks();
        authenticator = new JwtAuthenticator(jwks.jwksUri(), TestJwks.ISSUER, TestJwks.AUDIENCE);
    }

    @AfterAll
    static void stop() {
        jwks.close();
    }

    private static void refused(String token) {
        Problem p = assertThrows(Problem.class, () -> authenticator.verify(token));
        assertEquals(401, p.status().code(), p.detail());
    }

    @Test
    void contractTokenIsAccepted() {
        String user = UUID.randomUUID().toString();
        Caller caller = authenticator.verify(jwks.token(user, b -> b.claim("roles", List.of("user", "admin"))));
        assertEquals(user, caller.userId());
        assertEquals(List.of("user", "admin"), caller.roles());
    }

    @Test
    void tokenSignedWithAnotherKeyUnderTheSameKidIsRefused() {
        RSAKey forger = TestJwks.newKey(jwks.key().getKeyID());
        refused(TestJwks.sign(forger, TestJwks.claims("u", b -> { })));
    }

    @Test
    void tokenWithAnUnknownKidIsRefused() {
        refused(TestJwks.sign(TestJwks.newKey("unknown-kid"), TestJwks.claims("u", b -> { })));
    }

    @Test
    void unsignedTokenIsRefused() {
        refused(new PlainJWT(TestJwks.claims("u", b -> { })).serialize());
    }

    @Test
    void hmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
        // The classic algorithm-confusion forgery: HS256 with the RSA public key's bytes as the secret.
        byte[] secret = jwks.key().toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(jwks.key().getKeyID()).build(),
                TestJwks.claims("u", b -> { }));
        jwt.sign(new MACSigner(secret));
        refused(jwt.serialize());
    }

    @Test
    void expiredTokenIsRefused() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        refused(jwks.token("u", b -> b.issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(10))))));
    }

    @Test
    void notYetValidTokenIsRefused() {
        refused(jwks.token("u", b -> b.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))));
    }

    @Test
    void wrongAudienceIsRefused() {
        refused(jwks.token("u", b -> b.audience(List.of("another-api"))));
    }

    @Test
    void wrongIssuerIsRefused() {
        refused(jwks.token("u", b -> b.issuer("https://evil.example")));
    }

    @Test
    void tokenWithoutSubjectIsRefused() {
        refused(jwks.token("u", b -> b.subject(null)));
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = jwks.token("alice").split("\\.");
        String otherPayload = jwks.token("mallory").split("\\.")[1];
        refused(parts[0] + "." + otherPayload + "." + parts[2]);
    }

    @Test
    void garbageIsRefused() {
        refused("not-a-token");
        refused("a.b.c");
    }

    @Test
    void unreachableJwksIsNotTheCallersFault() {
        JwtAuthenticator offline = new JwtAuthenticator("http://127.0.0.1:1/oauth2/jwks", TestJwks.ISSUER,
                TestJwks.AUDIENCE);
        Problem p = assertThrows(Problem.class, () -> offline.verify(jwks.token("u")));
        assertEquals(503, p.status().code(), p.detail());
    }
}
