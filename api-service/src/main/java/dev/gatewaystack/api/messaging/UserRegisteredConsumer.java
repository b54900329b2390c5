package dev.gatewaystack.api.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import dev.gatewaystack.api.http.JsonBodies;
import dev.gatewaystack.api.ledger.AccountStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.UUID;

/**
 * Consumes auth-service's {@code user.registered} (exchange {@code auth.events}) and creates the user's default
 * account. Idempotent (one default account per user, enforced by the database), manually acknowledged after the
 * account is stored; a message that can never be processed is rejected to the dead-letter queue, a database failure
 * is requeued.
 */
public final class UserRegisteredConsumer implements RabbitParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(UserRegisteredConsumer.class);
    public static final String ROUTING_KEY = "user.registered";
    public static final String DEFAULT_ACCOUNT_NAME = "Main account";

    private final RabbitSettings settings;
    private final AccountStore accounts;
    private final String defaultCurrency;

    public UserRegisteredConsumer(RabbitSettings settings, AccountStore accounts, String defaultCurrency) {
        this.settings = settings;
        this.accounts = accounts;
        this.defaultCurrency = defaultCurrency;
    }

    @Override
    public void open(Connection connection) throws IOException {
        Channel channel = connection.createChannel();
        // Same attributes as auth-service declares (shared contract): durable topic exchange.
        channel.exchangeDeclare(settings.authExchange(), BuiltinExchangeType.TOPIC, true);
        Queues.declareWithDeadLetters(channel, settings.userEventsQueue());
        channel.queueBind(settings.userEventsQueue(), settings.authExchange(), ROUTING_KEY);
        channel.basicQos(16);
        channel.basicConsume(settings.userEventsQueue(), false,
                (tag, delivery) -> handle(channel, delivery), tag -> LOG.warn("user.registered consumer cancelled"));
    }

    private void handle(Channel channel, Delivery delivery) throws IOException {
        long tag = delivery.getEnvelope().getDeliveryTag();
        String userId;
        try {
            userId = userIdOf(delivery.getBody());
        } catch (RuntimeException | IOException e) {
            LOG.error("dead-lettering user.registered message {}: {}", delivery.getProperties().getMessageId(),
                    e.getMessage());
            channel.basicReject(tag, false);
            return;
        }
        try {
            if (accounts.createDefault(userId, DEFAULT_ACCOUNT_NAME, defaultCurrency)) {
                LOG.info("created the default account of user {}", userId);
            }
            channel.basicAck(tag, false);
        } catch (RuntimeException e) {
            LOG.warn("cannot create the default account of user {}, requeueing: {}", userId, e.getMessage());
            sleepBriefly();
            channel.basicNack(tag, false, true);
        }
    }

    /** The user id of a valid event (shared contract); throws for anything else. */
    static String userIdOf(byte[] body) throws IOException {
        JsonNode event = JsonBodies.MAPPER.readTree(body);
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("body is not a JSON object");
        }
        if (!ROUTING_KEY.equals(event.path("type").asText())) {
            throw new IllegalArgumentException("type is not user.registered");
        }
        UUID.fromString(event.path("eventId").asText());
        String userId = event.path("userId").asText();
        UUID.fromString(userId);
        return userId; // kept as sent: it must equal the access token's sub

    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
