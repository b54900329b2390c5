package dev.gatewaystack.auth.session;

import dev.gatewaystack.auth.db.Database;
import dev.gatewaystack.auth.token.RevocationList;
import dev.gatewaystack.auth.token.TokenFamilies;
import dev.gatewaystack.auth.token.TokenIssuer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Browser sessions (the {@code gs_session} cookie) kept server-side, so one can be ended: the cookie's jti goes on
 * the revocation list (refused at once by this replica, within one poll by the others, in the edge check and the
 * authorization endpoint alike), and the token families redeemed from the session's codes are revoked. The session
 * row holds the original {@code auth_time}, which silent sign-ins reuse.
 */
public final class Sessions {
    private final Database db;
    private final TokenIssuer issuer;
    private final RevocationList revocations;
    private final TokenFamilies families;

    /** A live session: not ended, not expired. */
    public record Session(String id, UUID userId, Instant authTime) {
    }

    public Sessions(Database db, TokenIssuer issuer, RevocationList revocations, TokenFamilies families) {
        this.db = db;
        this.issuer = issuer;
        this.revocations = revocations;
        this.families = families;
    }

    /** Signs the session cookie's token and records the session under its jti. */
    public TokenIssuer.Issued start(UUID userId, List<String> roles, Instant authTime) {
        TokenIssuer.Issued token = issuer.sessionToken(userId, roles);
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions (id, user_id, auth_time, expires_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, token.jti());
                ps.setObject(2, userId);
                ps.setTimestamp(3, Timestamp.from(authTime));
                ps.setTimestamp(4, Timestamp.from(token.expiresAt()));
                ps.executeUpdate();
            }
            return null;
        });
        return token;
    }

    /** The session if it is still live (a cookie signed before sessions were recorded has none). */
    public Optional<Session> live(String id) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id, auth_time FROM sessions "
                    + "WHERE id = ? AND ended_at IS NULL AND expires_at > now()")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Session(id, rs.getObject(1, UUID.class),
                            rs.getTimestamp(2).toInstant())) : Optional.empty();
                }
            }
        });
    }

    /**
     * Whether the session was ended (log-out, role change); a code issued in it is then worthless. The row stays
     * share-locked until the caller commits: an end running meanwhile waits, then also revokes the family the
     * caller is creating, instead of missing it.
     */
    public static boolean ended(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ended_at FROM sessions WHERE id = ? FOR SHARE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || rs.getTimestamp(1) != null;
            }
        }
    }

    /** Ends the user's session {@code id} (log-out); false when it is not that user's or already ended. */
    public boolean end(String id, UUID userId, String reason) {
        return db.tx(c -> {
            try (PreparedStatement own = c.prepareStatement("SELECT 1 FROM sessions WHERE id = ? AND user_id = ?")) {
                own.setString(1, id);
                own.setObject(2, userId);
                try (ResultSet rs = own.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            boolean ended = false;
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET ended_at = now(), ended_reason = ? "
                    + "WHERE id = ? AND user_id = ? AND ended_at IS NULL RETURNING expires_at")) {
                ps.setString(1, reason);
                ps.setString(2, id);
                ps.setObject(3, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        revokeCookie(c, id, rs.getTimestamp(1).toInstant());
                        ended = true;
                    }
                }
            }
            // Also after an earlier end: a code issued before it may have been redeemed since.
            families.revokeSession(c, id, reason);
            return ended;
        });
    }

    /**
     * Revokes a verified session cookie that has no row (signed before sessions were recorded, migration V2):
     * {@link #end} finds nothing to end for it, yet the cookie would otherwise keep working until it expires.
     */
    public void revokeUnrecorded(String jti, Instant expiresAt) {
        db.tx(c -> {
            revokeCookie(c, jti, expiresAt);
            return null;
        });
    }

    /**
     * Ends every session of the account and revokes all its token families, inside the caller's transaction:
     * what changed the account's roles or credentials commits with it.
     */
    public void endAll(Connection c, UUID userId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET ended_at = now(), ended_reason = ? "
                + "WHERE user_id = ? AND ended_at IS NULL RETURNING id, expires_at")) {
            ps.setString(1, reason);
            ps.setObject(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    revokeCookie(c, rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        families.revokeUser(c, userId, reason);
    }

    /** Drops sessions expired for a day (their cookies are refused by expiry alone). */
    public void purgeExpired() {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM sessions WHERE expires_at < now() - interval '1 day'")) {
                return ps.executeUpdate();
            }
        });
    }

    private void revokeCookie(Connection c, String jti, Instant expiresAt) throws SQLException {
        if (expiresAt.isAfter(Instant.now())) {
            revocations.revoke(c, jti, expiresAt);
            revocations.remember(List.of(jti), expiresAt);
        }
    }
}
