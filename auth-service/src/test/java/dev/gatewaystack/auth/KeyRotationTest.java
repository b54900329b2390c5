package dev.gatewaystack.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Keys persist in PostgreSQL (shared by replicas, kept across restarts) and rotate with overlap. */
class KeyRotationTest extends AgainstRunningAuth {
    private static Set<String> kids(RunningAuth a) throws Exception {
        HttpResponse<String> r = Http.get(a.url("/oauth2/jwks"));
        assertEquals(200, r.statusCode());
        JWKSet set = JWKSet.parse(r.body());
        set.getKeys().forEach(k -> assertEquals(false, k.isPrivate(), "JWKS must not publish private keys"));
        return set.getKeys().stream().map(k -> k.getKeyID()).collect(Collectors.toSet());
    }

    private static String kid(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getHeader().getKeyID();
    }

    private static int edge(RunningAuth a, String token) {
        return Http.get(a.url("/internal/edge-auth"), "Authorization", "Bearer " + token).statusCode();
    }

    @Test
    void rotationKeepsTheRetiredKeyUntilItsTokensExpireAndReplicasAgree() throws Exception {
        String before = auth.serviceToken();
        String oldKid = kid(before);
        assertEquals(Set.of(oldKid), kids(auth));

        // A second replica (or a restart) on the same database uses the same key.
        // Replicas share the issuer (the browser-facing origin).
        RunningAuth replica = RunningAuth.start(auth.db, Map.of("auth.issuer", auth.base));
        try {
            assertEquals(Set.of(oldKid), kids(replica));
            assertEquals(200, edge(replica, before));

            auth.service.keys().rotateNow();
            String after = auth.serviceToken();
            String newKid = kid(after);
            assertNotEquals(oldKid, newKid);
            assertEquals(Set.of(oldKid, newKid), kids(auth));
            assertEquals(200, edge(auth, before), "a token signed by the retired key stays valid");
            // The replica learns the new key on the unknown kid and signs with it after its refresh.
            assertEquals(200, edge(replica, after));
            replica.service.keys().refresh();
            assertEquals(newKid, kid(replica.serviceToken()));
            assertEquals(Set.of(oldKid, newKid), kids(replica));

            // Once the retired key's publication window has passed, it leaves the JWKS and its tokens fail.
            try (Connection c = DriverManager.getConnection(auth.db.url(), auth.db.user(), auth.db.password());
                 PreparedStatement ps = c.prepareStatement(
                         "UPDATE signing_keys SET publish_until = now() - interval '1 second' WHERE kid = ?")) {
                ps.setString(1, oldKid);
                assertEquals(1, ps.executeUpdate());
            }
            auth.service.keys().refresh();
            assertEquals(Set.of(newKid), kids(auth));
            assertEquals(401, edge(auth, before));
            assertEquals(200, edge(auth, after));
        } finally {
            replica.stop();
        }
    }

    @Test
    void aRetiredKeyIsPublishedForTheLongestTokenLifetime() {
        // access 10m, id 10m, session 1h, plus 30s skew
        assertEquals(java.time.Duration.ofMinutes(60).plusSeconds(30), auth.service.settings().longestSignedLifetime());
    }
}
