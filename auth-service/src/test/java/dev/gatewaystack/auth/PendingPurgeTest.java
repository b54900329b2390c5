package dev.gatewaystack.auth;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anonymous calls to /oauth2/authorize leave pending rows; expired ones are purged on a schedule (not only when the
 * next caller comes), through an index on expiry.
 */
class PendingPurgeTest {
    @Test
    void expiredPendingAuthorizationsArePurgedPeriodically() throws Exception {
        try (RunningAuth auth = RunningAuth.start(Map.of("auth.ttl.login", "PT1S", "auth.purge.interval", "PT0.3S"))) {
            for (int i = 0; i < 5; i++) {
                OAuthFlow flow = new OAuthFlow(auth);
                assertEquals(303, flow.authorize(flow.authorizeParams()).statusCode());
            }
            assertTrue(count(auth, "SELECT count(*) FROM authorization_requests") >= 5);
            long deadline = System.nanoTime() + 10_000_000_000L;
            long left;
            do {
                Thread.sleep(200);
                left = count(auth, "SELECT count(*) FROM authorization_requests");
            } while (left > 0 && System.nanoTime() < deadline);
            assertEquals(0, left, "expired pending authorizations must be purged without further traffic");
            assertEquals(1, count(auth, "SELECT count(*) FROM pg_indexes WHERE tablename = 'authorization_requests' "
                    + "AND indexdef LIKE '%(expires_at)%'"));
        }
    }

    private static long count(RunningAuth auth, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(auth.db.url(), auth.db.user(), auth.db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
