package dev.gatewaystack.api.messaging;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.util.Map;

/** Declares a durable queue with its own dead-letter exchange and queue (rejected messages go there). */
public final class Queues {
    private Queues() {
    }

    public static void declareWithDeadLetters(Channel channel, String queue) throws IOException {
        String dlx = queue + ".dlx";
        String dlq = RabbitSettings.deadLetterQueue(queue);
        channel.exchangeDeclare(dlx, BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare(dlq, true, false, false, null);
        channel.queueBind(dlq, dlx, queue);
        channel.queueDeclare(queue, true, false, false,
                Map.of("x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", queue));
    }
}
