package dev.gatewaystack.auth.outbox;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Publishes to RabbitMQ with publisher confirms: persistent JSON messages whose message-id is the event id. The
 * connection is opened lazily and dropped on any failure, so a broker outage only delays publishing.
 */
public final class RabbitPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitPublisher.class);

    private final ConnectionFactory factory;
    private final Duration confirmTimeout;
    private final Set<String> declared = new HashSet<>();
    private Connection connection;
    private Channel channel;

    public RabbitPublisher(String uri, Duration confirmTimeout) {
        this.factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IllegalStateException("RABBITMQ_URI (rabbitmq.uri) is not an amqp:// URI: " + e.getMessage(), e);
        }
        // The relay reconnects itself on its next round; the client's recovery would only hide failures from it.
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(3000);
        factory.setRequestedHeartbeat(15);
        this.confirmTimeout = confirmTimeout;
    }

    /** Publishes one message and waits for the broker's confirm; throws when it is not confirmed. */
    public synchronized void publish(String exchange, String routingKey, String messageId, String json)
            throws IOException, TimeoutException, InterruptedException {
        try {
            Channel ch = channel(exchange);
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .contentEncoding("utf-8")
                    .deliveryMode(2)
                    .messageId(messageId)
                    .type(routingKey)
                    .build();
            ch.basicPublish(exchange, routingKey, props, json.getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(confirmTimeout.toMillis());
        } catch (IOException | TimeoutException | RuntimeException e) {
            reset();
            throw e;
        }
    }

    public synchronized boolean connected() {
        return connection != null && connection.isOpen();
    }

    /** Opens a connection if there is none (used by the health check to probe the broker). */
    public synchronized boolean probe() {
        try {
            if (!connected()) {
                open();
            }
            return true;
        } catch (IOException | TimeoutException e) {
            reset();
            return false;
        }
    }

    private Channel channel(String exchange) throws IOException, TimeoutException {
        if (channel == null || !channel.isOpen() || !connected()) {
            reset();
            open();
        }
        if (declared.add(exchange)) {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        }
        return channel;
    }

    private void open() throws IOException, TimeoutException {
        connection = factory.newConnection("auth-service-outbox");
        channel = connection.createChannel();
        channel.confirmSelect();
        declared.clear();
    }

    private void reset() {
        if (connection != null) {
            try {
                connection.abort(1000);
            } catch (RuntimeException e) {
                LOG.debug("closing a broken broker connection failed", e);
            }
        }
        connection = null;
        channel = null;
        declared.clear();
    }

    @Override
    public synchronized void close() {
        reset();
    }
}
