package dev.gatewaystack.api.messaging;

import com.rabbitmq.client.Connection;

import java.io.IOException;

/** Something that declares its topology and opens its channels once the RabbitMQ connection is up. */
public interface RabbitParticipant {
    void open(Connection connection) throws IOException;
}
