package dev.gatewaystack.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every forged or stale token is refused by the edge check and by userinfo, while the same token built correctly is
 * accepted: so each rejection is caused by the one thing that was changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenValidationTest {
    private RunningAuth auth;
    private String userId;

    @BeforeAll
    void start() {
        auth = RunningAuth.start();
        userId = OAuthFlow.register(auth, "validation@example.com", "correct horse battery");
    }

    @AfterAll
    void stop() {
        auth.close();
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(auth.base)
                .subject(userId)
                .audience(List.of("gatewaystack-api"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", "openid email")
                .claim("roles", List.of("user"))
                .claim("client_id", RunningAuth.SPA);
    }

    private RSAKey serviceKey() {
        return auth.service.keys().current().signing();
    }

    private String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String signed(Consumer<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet.Builder b = claims();
        change.accept(b);
        return sign(serviceKey(), b.build());
    }

    private HttpResponse<String> edge(String token, String role) {
        return Http.get(auth.url("/internal/edge-auth" + (role == null ? "" : "?role=" + role)),
                "Authorization", "Bearer " + token);
    }

    private void assertRejected(String token) {
        HttpResponse<String> e = edge(token, null);
        assertEquals(401, e.statusCode(), e.body());
        assertTrue(e.headers().firstValue("X-Auth-User").isEmpty());
        assertEquals(401, Http.get(auth.url("/oauth2/userinfo"), "Authorization", "Bearer " + token).statusCode());
    }

    @Test
    void aCorrectTokenIsAcceptedWithUserAndRoles() throws Exception {
        HttpResponse<String> r = edge(signed(b -> { }), null);
        assertEquals(200, r.statusCode());
        assertEquals(userId, r.headers().firstValue("X-Auth-User").orElseThrow());
        assertEquals("user", r.headers().firstValue("X-Auth-Roles").orElseThrow());
        assertEquals(200, edge(signed(b -> { }), "user").statusCode());
    }

    @Test
    void aMissingRoleIsForbidden() throws Exception {
        HttpResponse<String> r = edge(signed(b -> { }), "admin");
        assertEquals(403, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
    }

    @Test
    void noCredentialIsUnauthorized() {
        assertEquals(401, Http.get(auth.url("/internal/edge-auth")).statusCode());
    }

    @Test
    void algNoneIsRejected() {
        PlainJWT plain = new PlainJWT(new PlainHeader(), claims().build());
        assertRejected(plain.serialize());
        // The same with a header claiming "none" on a signed-looking token.
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + serviceKey().getKeyID() + "\"}"
                .getBytes(StandardCharsets.UTF_8)).toString();
        assertRejected(header + "." + claims().build().toPayload().toBase64URL() + ".");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(serviceKey().getKeyID()).generate();
        assertRejected(sign(foreign, claims().build()));
    }

    @Test
    void hmacWithThePublicKeyAsSecretIsRejected() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(serviceKey().getKeyID()).build(),
                claims().build());
        byte[] secret = serviceKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        jwt.sign(new MACSigner(secret));
        assertRejected(jwt.serialize());
    }

    @Test
    void expiredIsRejected() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        assertRejected(signed(b -> b.issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(600)))));
    }

    @Test
    void notYetValidIsRejected() throws Exception {
        assertRejected(signed(b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))));
    }

    @Test
    void wrongIssuerIsRejected() throws Exception {
        assertRejected(signed(b -> b.issuer("https://evil.example")));
    }

    @Test
    void wrongAudienceIsRejected() throws Exception {
        assertRejected(signed(b -> b.audience(List.of("another-api"))));
        // An ID token (aud = the SPA) is no access token.
        assertRejected(signed(b -> b.audience(List.of(RunningAuth.SPA))));
    }

    @Test
    void aTamperedPayloadIsRejected() throws Exception {
        String[] parts = signed(b -> { }).split("\\.");
        String forged = claims().claim("roles", List.of("user", "admin")).build().toPayload().toBase64URL().toString();
        assertRejected(parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void aRevokedTokenIsRejected() throws Exception {
        String token = signed(b -> { });
        assertEquals(200, edge(token, null).statusCode());
        assertEquals(200, Http.postForm(auth.url("/oauth2/revoke"), Map.of("client_id", RunningAuth.SPA,
                "token", token, "token_type_hint", "access_token")).statusCode());
        assertRejected(token);
        // The internal list api-service polls names it, with the token's expiry.
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        HttpResponse<String> list = Http.get(auth.url("/internal/revoked-access-tokens"));
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("{\"jti\":\"" + claims.getJWTID() + "\",\"exp\":"
                + claims.getExpirationTime().toInstant().getEpochSecond() + "}"), list.body());
    }

    @Test
    void theSessionCookieAuthenticatesBrowsersButNotAsAnApiToken() throws Exception {
        String session = signed(b -> b.audience(List.of("gatewaystack-session")));
        HttpResponse<String> r = Http.get(auth.url("/internal/edge-auth"), "Cookie", "gs_session=" + session);
        assertEquals(200, r.statusCode());
        assertEquals(userId, r.headers().firstValue("X-Auth-User").orElseThrow());
        assertRejected(session);
    }
}
