package dev.gatewaystack.auth;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** client_credentials for confidential service clients whose secrets are configured as Argon2id hashes. */
class ClientCredentialsTest extends AgainstRunningAuth {
    private HttpResponse<String> token(String authorization, Map<String, String> form) {
        return Http.postForm(auth.url("/oauth2/token"), form, "Authorization", authorization);
    }

    @Test
    void aServiceGetsAnAccessTokenWithItsRoles() throws Exception {
        HttpResponse<String> r = token(RunningAuth.SERVICE_BASIC,
                Map.of("grant_type", "client_credentials", "scope", "ledger.read"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
        JsonObject body = OAuthFlow.json(r.body());
        assertFalse(body.containsKey("refresh_token"));
        var claims = SignedJWT.parse(body.getString("access_token")).getJWTClaimsSet();
        assertEquals(RunningAuth.SERVICE_CLIENT, claims.getSubject());
        assertEquals(RunningAuth.SERVICE_CLIENT, claims.getStringClaim("client_id"));
        assertEquals("ledger.read", claims.getStringClaim("scope"));
        assertEquals(List.of("service"), claims.getStringListClaim("roles"));
        HttpResponse<String> edge = Http.get(auth.url("/internal/edge-auth?role=service"),
                "Authorization", "Bearer " + body.getString("access_token"));
        assertEquals(200, edge.statusCode());
    }

    @Test
    void clientSecretPostWorksToo() {
        HttpResponse<String> r = Http.postForm(auth.url("/oauth2/token"), Map.of("grant_type", "client_credentials",
                "client_id", RunningAuth.SERVICE_CLIENT, "client_secret", RunningAuth.SERVICE_SECRET));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("ledger.read ledger.write", OAuthFlow.json(r.body()).getString("scope"));
    }

    @Test
    void unknownClientAndWrongSecretAreRejectedAlike() {
        HttpResponse<String> unknown = token(Http.basic("nobody", "whatever"),
                Map.of("grant_type", "client_credentials"));
        assertEquals(401, unknown.statusCode());
        assertEquals("invalid_client", OAuthFlow.json(unknown.body()).getString("error"));
        OAuthFlow.assertOAuthError(unknown, 401, "invalid_client");
        assertTrue(unknown.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic "));
        HttpResponse<String> wrong = token(Http.basic("other-service", "wrong"),
                Map.of("grant_type", "client_credentials"));
        assertEquals(401, wrong.statusCode());
        // The public SPA cannot use client_credentials.
        HttpResponse<String> spa = Http.postForm(auth.url("/oauth2/token"), Map.of("grant_type", "client_credentials",
                "client_id", RunningAuth.SPA));
        assertEquals(401, spa.statusCode());
    }

    @Test
    void scopesBeyondTheClientsAreRefused() {
        HttpResponse<String> r = token(RunningAuth.SERVICE_BASIC,
                Map.of("grant_type", "client_credentials", "scope", "ledger.read admin"));
        assertEquals(400, r.statusCode());
        assertEquals("invalid_scope", OAuthFlow.json(r.body()).getString("error"));
    }

    @Test
    void unsupportedGrantTypeAndMissingParametersAre400() {
        HttpResponse<String> r = Http.postForm(auth.url("/oauth2/token"), Map.of("grant_type", "password"));
        assertEquals(400, r.statusCode());
        assertEquals("unsupported_grant_type", OAuthFlow.json(r.body()).getString("error"));
        HttpResponse<String> none = Http.postForm(auth.url("/oauth2/token"), Map.of());
        assertEquals(400, none.statusCode());
        assertEquals("invalid_request", OAuthFlow.json(none.body()).getString("error"));
    }

    @Test
    void repeatedWrongSecretsAreThrottled() {
        String id = "throttled-" + System.nanoTime();
        for (int i = 0; i < 2; i++) {
            assertEquals(401, token(Http.basic(id, "wrong"), Map.of("grant_type", "client_credentials")).statusCode());
        }
        token(Http.basic(id, "wrong"), Map.of("grant_type", "client_credentials"));
        HttpResponse<String> r = token(Http.basic(id, "wrong"), Map.of("grant_type", "client_credentials"));
        assertEquals(429, r.statusCode());
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
    }
}
