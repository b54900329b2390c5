package dev.gatewaystack.auth.outbox;

import dev.gatewaystack.auth.user.User;
import jakarta.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Writes events into the outbox inside the caller's transaction; {@link OutboxRelay} publishes them. */
public final class OutboxEvents {
    public static final String EXCHANGE = "auth.events";
    public static final String USER_REGISTERED = "user.registered";

    public void userRegistered(Connection c, User user) throws SQLException {
        UUID eventId = UUID.randomUUID();
        String payload = Json.createObjectBuilder()
                .add("eventId", eventId.toString())
                .add("type", USER_REGISTERED)
                .add("occurredAt", Instant.now().toString())
                .add("userId", user.id().toString())
                .add("email", user.email())
                .add("roles", Json.createArrayBuilder(user.roles()))
                .build().toString();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (id, exchange, routing_key, payload) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, eventId);
            ps.setString(2, EXCHANGE);
            ps.setString(3, USER_REGISTERED);
            ps.setString(4, payload);
            ps.executeUpdate();
        }
    }
}
