package dev.gatewaystack.auth.token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Revokes token families: the family's refresh tokens stop working and its live access tokens go on the revocation
 * list. One family (reuse, RFC 7009), every family of a session (log-out) or of an account (role change).
 */
public final class TokenFamilies {
    private final RevocationList revocations;
    private final Clock clock;

    public TokenFamilies(RevocationList revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
    }

    public void revoke(Connection c, UUID familyId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE token_families SET revoked_at = now(), "
                + "revoked_reason = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setString(1, reason);
            ps.setObject(2, familyId);
            ps.executeUpdate();
        }
        revokeAccessTokens(c, "family_id = ?", familyId);
    }

    /** Every family redeemed from a code of this browser session. */
    public void revokeSession(Connection c, String sessionId, String reason) throws SQLException {
        for (UUID family : live(c, "session_id = ?", sessionId)) {
            revoke(c, family, reason);
        }
    }

    /** Every family of the account, whatever session or client it came from. */
    public void revokeUser(Connection c, UUID userId, String reason) throws SQLException {
        for (UUID family : live(c, "user_id = ?", userId)) {
            revoke(c, family, reason);
        }
    }

    private static List<UUID> live(Connection c, String where, Object value) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM token_families WHERE revoked_at IS NULL AND " + where + " FOR UPDATE")) {
            ps.setObject(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private void revokeAccessTokens(Connection c, String where, Object value) throws SQLException {
        List<String> jtis = new ArrayList<>();
        Instant latest = clock.instant();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT jti, expires_at FROM family_access_tokens WHERE " + where + " AND expires_at > now()")) {
            ps.setObject(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant exp = rs.getTimestamp(2).toInstant();
                    revocations.revoke(c, rs.getString(1), exp);
                    jtis.add(rs.getString(1));
                    latest = exp.isAfter(latest) ? exp : latest;
                }
            }
        }
        // Remembered before commit: at worst a failed commit over-revokes tokens of a family being revoked anyway.
        revocations.remember(jtis, latest);
    }
}
