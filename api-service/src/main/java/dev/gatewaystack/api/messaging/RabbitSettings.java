package dev.gatewaystack.api.messaging;

import io.helidon.config.Config;

/** The {@code rabbitmq} configuration section; queue names are configurable so tests can isolate themselves. */
public record RabbitSettings(String uri, String authExchange, String userEventsQueue, String exportQueue) {
    public static RabbitSettings from(Config rabbit) {
        return new RabbitSettings(
                rabbit.get("uri").asString().orElse("amqp://guest:guest@rabbitmq:5672/%2F"),
                rabbit.get("auth-exchange").asString().orElse("auth.events"),
                rabbit.get("user-events-queue").asString().orElse("api-service.user-registered"),
                rabbit.get("export-queue").asString().orElse("api-service.statement-exports"));
    }

    /** The dead-letter queue of {@code queue}; messages reach it through exchange {@code <queue>.dlx}. */
    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }
}
