package dev.gatewaystack.auth.user;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for users; callers own the connection (and so the transaction). */
public final class UserRepository {
    /** SQLSTATE of a unique violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    public Optional<User> byEmail(Connection c, String email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, email, password_hash, roles FROM users WHERE lower(email) = lower(?)")) {
            ps.setString(1, email);
            return one(ps);
        }
    }

    public Optional<User> byId(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, email, password_hash, roles FROM users WHERE id = ?")) {
            ps.setObject(1, id);
            return one(ps);
        }
    }

    /** Inserts the user; false when the e-mail is taken (the transaction stays usable thanks to the savepoint). */
    public boolean insert(Connection c, User user) throws SQLException {
        var savepoint = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (id, email, password_hash, roles) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, user.id());
            ps.setString(2, user.email());
            ps.setString(3, user.passwordHash());
            ps.setArray(4, c.createArrayOf("text", user.roles().toArray()));
            ps.executeUpdate();
            c.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                c.rollback(savepoint);
                return false;
            }
            throw e;
        }
    }

    public void updateAdmin(Connection c, UUID id, String passwordHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET password_hash = ?, roles = ARRAY['user','admin'] WHERE id = ?")) {
            ps.setString(1, passwordHash);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    private static Optional<User> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Array roles = rs.getArray("roles");
            List<String> list = Arrays.asList((String[]) roles.getArray());
            return Optional.of(new User(rs.getObject("id", UUID.class), rs.getString("email"),
                    rs.getString("password_hash"), List.copyOf(list)));
        }
    }
}
