package dev.gatewaystack.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatewaystack.api.http.JsonBodies;
import io.helidon.dbclient.DbExecute;

/** Writes events to the outbox table inside the caller's database transaction; {@link OutboxRelay} publishes them. */
public final class Outbox {
    private final String topic;

    public Outbox(String topic) {
        this.topic = topic;
    }

    public void append(DbExecute tx, String key, TransactionPostedEvent event) {
        String payload;
        try {
            payload = JsonBodies.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serializable", e);
        }
        tx.insert("INSERT INTO outbox (event_id, topic, message_key, payload) VALUES (?::uuid, ?, ?, ?)",
                event.eventId(), topic, key, payload);
    }
}
