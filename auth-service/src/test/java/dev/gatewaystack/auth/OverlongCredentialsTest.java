package dev.gatewaystack.auth;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client-chosen client_id or e-mail of a few KB of incompressible text is a client mistake (4xx), never a 500:
 * it once reached login_throttle's text PRIMARY KEY, where PostgreSQL refuses index rows over ~2.7 KB (54000).
 */
class OverlongCredentialsTest extends AgainstRunningAuth {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aHugeRandomClientIdIsInvalidClient() {
        HttpResponse<String> r = Http.postForm(auth.url("/oauth2/token"), Map.of("grant_type", "client_credentials",
                "client_id", incompressible(3 * 1024), "client_secret", "whatever"));
        OAuthFlow.assertOAuthError(r, 401, "invalid_client");
    }

    @Test
    void aHugeRandomEmailAtLoginIsAWrongPassword() {
        OAuthFlow flow = new OAuthFlow(auth);
        String email = incompressible(4 * 1024) + "@example.com";
        HttpResponse<String> r = flow.submit(flow.openLogin(), email, "some password");
        assertEquals(401, r.statusCode(), r.body());
    }

    /** Random letters and digits: pglz (LZ only) cannot shrink them below the index row limit. */
    private static String incompressible(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
