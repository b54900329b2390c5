package dev.gatewaystack.auth;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin seed never takes over an account silently, and promoting one (explicitly confirmed) is a role change:
 * every session and token family of the account minted before it stops working.
 */
class AdminSeedTest {
    private static final String EMAIL = "taken@example.com";
    private static final String OWNER_PASSWORD = "the owner's passphrase";
    private static final String SEED_PASSWORD = "the operator's passphrase";

    @Test
    void theSeedRefusesATakeoverAndAConfirmedPromotionRevokesEverythingOlder() throws Exception {
        TestServers.Db db = TestServers.createDatabase();
        RunningAuth first = RunningAuth.start(db, Map.of());
        OAuthFlow.register(first, EMAIL, OWNER_PASSWORD);
        first.stop();
        Map<String, String> seed = Map.of("admin.email", EMAIL, "admin.password", SEED_PASSWORD);

        RuntimeException refused = assertThrows(RuntimeException.class, () -> RunningAuth.start(db, seed).stop());
        assertTrue(refused.getMessage().contains("will not take it over")
                && refused.getMessage().contains("ADMIN_PROMOTE_EXISTING"), refused.getMessage());

        // The owner's account is untouched: same password, no admin role, and their tokens are still good.
        RunningAuth owner = RunningAuth.start(db, Map.of("auth.issuer", "http://127.0.0.1:1"));
        OAuthFlow.SignedIn before = new OAuthFlow(owner).signIn(EMAIL, OWNER_PASSWORD);
        assertEquals(List.of("user"), roles(before.tokens().getString("access_token")));
        owner.stop();

        Map<String, String> confirmed = new java.util.HashMap<>(seed);
        confirmed.put("admin.promote.existing", "true");
        confirmed.put("auth.issuer", "http://127.0.0.1:1");
        RunningAuth promoted = RunningAuth.start(db, confirmed);
        try {
            HttpResponse<String> r = OAuthFlow.refresh(promoted, before.tokens().getString("refresh_token"));
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("invalid_grant", OAuthFlow.json(r.body()).getString("error"));
            assertEquals(401, Http.get(promoted.url("/internal/edge-auth"), "Cookie", before.cookie()).statusCode());
            assertEquals(401, Http.get(promoted.url("/oauth2/userinfo"), "Authorization",
                    "Bearer " + before.tokens().getString("access_token")).statusCode());
            OAuthFlow.SignedIn after = new OAuthFlow(promoted).signIn(EMAIL, SEED_PASSWORD);
            assertEquals(List.of("user", "admin"), roles(after.tokens().getString("access_token")));
            promoted.stop();

            // A restart with the same variables (no confirmation) is a no-op: nothing newer is revoked.
            Map<String, String> restart = new java.util.HashMap<>(seed);
            restart.put("auth.issuer", "http://127.0.0.1:1");
            RunningAuth again = RunningAuth.start(db, restart);
            assertEquals(200, OAuthFlow.refresh(again, after.tokens().getString("refresh_token")).statusCode());
            assertEquals(200, Http.get(again.url("/internal/edge-auth"), "Cookie", after.cookie()).statusCode());
            again.close();
        } catch (RuntimeException | Error e) {
            TestServers.dropDatabase(db);
            throw e;
        }
    }

    private static List<String> roles(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringListClaim("roles");
    }
}
