package dev.gatewaystack.auth;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Throttling cannot be turned against a victim: failures are counted per account (or client) and source address,
 * the source being the X-Real-IP the gateway sets (believed only from a trusted proxy; loopback is trusted here).
 * Threshold 3 failures (RunningAuth).
 */
class ThrottleBySourceTest extends AgainstRunningAuth {
    private static final String PASSWORD = "correct horse battery";
    private static final String ATTACKER = "203.0.113.66";
    private static final String VICTIM = "198.51.100.7";

    @Test
    void anAttackerElsewhereCannotLockTheVictimOut() {
        String email = OAuthFlow.uniqueEmail("v");
        OAuthFlow.register(auth, email, PASSWORD);
        OAuthFlow flow = new OAuthFlow(auth);
        for (int i = 0; i < 3; i++) {
            flow.submitFrom(ATTACKER, flow.openLogin(), email, "wrong password " + i);
        }
        assertEquals(429, flow.submitFrom(ATTACKER, flow.openLogin(), email, PASSWORD).statusCode(),
                "the attacker's own address is locked for the account, even with the right password");
        HttpResponse<String> victim = flow.submitFrom(VICTIM, flow.openLogin(), email, PASSWORD);
        assertEquals(303, victim.statusCode(), "the owner signs in from their own address: " + victim.body());
    }

    @Test
    void aSpoofedXRealIpFromAnUntrustedPeerIsIgnored() {
        try (RunningAuth strict = RunningAuth.start(Map.of("auth.proxy.trusted", "192.0.2.1/32"))) {
            String email = OAuthFlow.uniqueEmail("w");
            OAuthFlow.register(strict, email, PASSWORD);
            OAuthFlow flow = new OAuthFlow(strict);
            for (int i = 0; i < 3; i++) {
                flow.submitFrom("203.0.113." + i, flow.openLogin(), email, "wrong password");
            }
            assertEquals(429, flow.submitFrom("203.0.113.99", flow.openLogin(), email, PASSWORD).statusCode(),
                    "a fresh X-Real-IP per attempt must not escape the lock when the peer is not the gateway");
        }
    }

    @Test
    void badClientSecretsNeverLockTheRealClientOut() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, clientCredentials("guess-" + i, ATTACKER).statusCode());
        }
        HttpResponse<String> locked = clientCredentials(RunningAuth.SERVICE_SECRET, ATTACKER);
        assertEquals(429, locked.statusCode(), locked.body());
        assertEquals("slow_down", OAuthFlow.json(locked.body()).getString("error"));
        HttpResponse<String> real = clientCredentials(RunningAuth.SERVICE_SECRET, VICTIM);
        assertEquals(200, real.statusCode(), real.body());
    }

    @Test
    void secretGuessingThroughTheRevocationEndpointIsThrottledToo() {
        String source = "192.0.2.44";
        for (int i = 0; i < 3; i++) {
            assertEquals(401, revoke("guess-" + i, source).statusCode());
        }
        assertEquals(429, revoke(RunningAuth.SERVICE_SECRET, source).statusCode());
        assertEquals(429, clientCredentials(RunningAuth.SERVICE_SECRET, source).statusCode(),
                "one count per client and source, whichever endpoint was used");
        assertEquals(200, revoke(RunningAuth.SERVICE_SECRET, "192.0.2.45").statusCode());
    }

    private HttpResponse<String> clientCredentials(String secret, String source) {
        return Http.postForm(auth.url("/oauth2/token"), Map.of("grant_type", "client_credentials"),
                "Authorization", Http.basic(RunningAuth.SERVICE_CLIENT, secret), "X-Real-IP", source);
    }

    private HttpResponse<String> revoke(String secret, String source) {
        return Http.postForm(auth.url("/oauth2/revoke"), Map.of("token", "not-a-token"),
                "Authorization", Http.basic(RunningAuth.SERVICE_CLIENT, secret), "X-Real-IP", source);
    }
}
