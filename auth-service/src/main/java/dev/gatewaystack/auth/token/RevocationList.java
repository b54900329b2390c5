package dev.gatewaystack.auth.token;

import dev.gatewaystack.auth.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked access-token ids, held in memory so token checks never query the database. Every replica re-reads the
 * table on a short poll ({@code auth.revocation.poll}); the replica that revokes sees it at once.
 */
public final class RevocationList {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationList.class);
    /** How long past exp a revocation is still kept and served: well over any verifier's clock-skew allowance. */
    static final Duration GRACE = Duration.ofMinutes(5);

    private final Database db;
    private final Clock clock;
    /** Updated in place, never swapped: a swap would drop a remember() that lands between copy and swap. */
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    public RevocationList(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public boolean isRevoked(String jti) {
        return jti != null && revoked.containsKey(jti);
    }

    /** Records revocations inside the caller's transaction; call {@link #remember} after it commits. */
    public void revoke(Connection c, String jti, Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO revoked_access_tokens (jti, expires_at) "
                + "VALUES (?, ?) ON CONFLICT (jti) DO NOTHING")) {
            ps.setString(1, jti);
            ps.setTimestamp(2, Timestamp.from(expiresAt));
            ps.executeUpdate();
        }
    }

    /**
     * The revoked ids other services copy, with their expiry. Kept for {@link #GRACE} after exp, as poll() keeps
     * them: api-service accepts a token up to 30 s past exp (clock skew), so dropping it at exp would un-revoke it.
     */
    public Map<String, Instant> unexpired() {
        Instant cutoff = clock.instant().minus(GRACE);
        Map<String, Instant> live = new HashMap<>();
        revoked.forEach((jti, exp) -> {
            if (exp.isAfter(cutoff)) {
                live.put(jti, exp);
            }
        });
        return live;
    }

    public void remember(Collection<String> jtis, Instant expiresAt) {
        jtis.forEach(j -> revoked.put(j, expiresAt));
    }

    /** Reloads the unexpired revocations and drops the expired ones. */
    public void poll() {
        try {
            Map<String, Instant> fresh = db.tx(c -> {
                try (PreparedStatement del = c.prepareStatement(
                        "DELETE FROM revoked_access_tokens WHERE expires_at < now() - interval '1 hour'")) {
                    del.executeUpdate();
                }
                Map<String, Instant> map = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT jti, expires_at FROM revoked_access_tokens WHERE expires_at > ?")) {
                    ps.setTimestamp(1, Timestamp.from(clock.instant().minus(GRACE)));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            map.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                        }
                    }
                }
                return map;
            });
            // Local entries not yet visible in the snapshot (revoked during the query) stay; expired ones go.
            revoked.putAll(fresh);
            Instant cutoff = clock.instant().minus(GRACE);
            revoked.values().removeIf(exp -> !exp.isAfter(cutoff));
        } catch (RuntimeException e) {
            LOG.warn("revocation list refresh failed; keeping the previous list: {}", e.toString());
        }
    }
}
