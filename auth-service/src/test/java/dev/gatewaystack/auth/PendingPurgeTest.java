package dev.gatewaystack.auth;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anonymous calls to /oauth2/authorize leave pending rows; expired ones are purged on a schedule (not only when the
 * next caller comes), through an index on expiry. The same scheduled purge removes sessions expired over a day ago
 * and throttle rows that are outside the window and lock nothing (rows are otherwise deleted on success only).
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

    @Test
    void staleThrottleRowsAndLongExpiredSessionsArePurgedPeriodically() throws Exception {
        try (RunningAuth auth = RunningAuth.start(Map.of("auth.throttle.window", "PT1M",
                "auth.purge.interval", "PT0.3S"))) {
            String user = OAuthFlow.register(auth, OAuthFlow.uniqueEmail("purge"), "correct horse battery");
            execute(auth, "INSERT INTO login_throttle (account, failures, last_failure_at, locked_until) VALUES "
                    + "('stale', 2, now() - interval '2 minutes', NULL), "
                    + "('stale lock over', 9, now() - interval '2 minutes', now() - interval '1 second'), "
                    + "('stale but locked', 9, now() - interval '2 minutes', now() + interval '1 hour'), "
                    + "('recent', 1, now(), NULL)");
            execute(auth, "INSERT INTO sessions (id, user_id, auth_time, expires_at) VALUES "
                    + "('old', '" + user + "', now() - interval '3 days', now() - interval '2 days'), "
                    + "('live', '" + user + "', now(), now() + interval '1 hour')");
            long deadline = System.nanoTime() + 10_000_000_000L;
            do {
                Thread.sleep(200);
            } while ((count(auth, "SELECT count(*) FROM login_throttle") > 2
                    || count(auth, "SELECT count(*) FROM sessions WHERE id = 'old'") > 0)
                    && System.nanoTime() < deadline);
            assertEquals(List.of("recent", "stale but locked"), accounts(auth),
                    "throttle rows outside the window that lock nothing are purged; the others stay");
            assertEquals(0, count(auth, "SELECT count(*) FROM sessions WHERE id = 'old'"),
                    "sessions expired over a day ago are purged (Sessions.purgeExpired)");
            assertEquals(1, count(auth, "SELECT count(*) FROM sessions WHERE id = 'live'"));
        }
    }

    private static List<String> accounts(RunningAuth auth) throws SQLException {
        try (Connection c = DriverManager.getConnection(auth.db.url(), auth.db.user(), auth.db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT account FROM login_throttle ORDER BY account")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static void execute(RunningAuth auth, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(auth.db.url(), auth.db.user(), auth.db.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
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
