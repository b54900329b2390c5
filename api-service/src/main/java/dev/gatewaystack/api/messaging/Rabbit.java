package dev.gatewaystack.api.messaging;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The service's RabbitMQ connection. Connects in the background (the service starts while the broker is away),
 * then lets each participant declare topology and start consuming; the client's automatic recovery restores
 * channels, topology and consumers after a broker restart.
 */
public final class Rabbit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rabbit.class);
    private final ConnectionFactory factory = new ConnectionFactory();
    private final List<RabbitParticipant> participants;
    private final Thread connector;
    private volatile Connection connection;
    private volatile boolean running = true;

    public Rabbit(RabbitSettings settings, String instance, List<RabbitParticipant> participants) {
        try {
            factory.setUri(settings.uri());
        } catch (Exception e) {
            throw new IllegalArgumentException("rabbitmq.uri is not an AMQP URI", e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(2000);
        factory.setConnectionTimeout(5000);
        factory.setClientProperties(new java.util.HashMap<>(java.util.Map.of("connection_name",
                "api-service-" + instance)));
        this.participants = List.copyOf(participants);
        this.connector = Thread.ofPlatform().name("rabbit-connector").daemon().unstarted(this::connect);
    }

    public Rabbit start() {
        connector.start();
        return this;
    }

    private void connect() {
        for (long backoff = 500; running; backoff = Math.min(backoff * 2, 5000)) {
            Connection c = null;
            try {
                c = factory.newConnection();
                for (RabbitParticipant p : participants) {
                    p.open(c);
                }
                connection = c;
                LOG.info("connected to RabbitMQ");
                return;
            } catch (Exception e) {
                LOG.warn("cannot connect to RabbitMQ, retrying in {} ms: {}", backoff, e.getMessage());
                if (c != null) {
                    try {
                        c.abort();
                    } catch (RuntimeException ignored) {
                        // already broken
                    }
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** True while connected (health). */
    public boolean isOpen() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public void close() {
        running = false;
        connector.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                // Short: a broker that does not confirm the close within a second is gone anyway.
                c.close(1000);
            } catch (Exception e) {
                LOG.debug("closing RabbitMQ connection: {}", e.getMessage());
            }
        }
    }
}
