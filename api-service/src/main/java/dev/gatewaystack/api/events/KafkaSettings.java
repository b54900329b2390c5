package dev.gatewaystack.api.events;

import io.helidon.config.Config;

import java.time.Duration;

/** The {@code kafka} configuration section. */
public record KafkaSettings(String bootstrap, String topic, int partitions, short replicationFactor,
                            String consumerGroup, Duration relayInterval, int relayBatch) {
    public static KafkaSettings from(Config kafka) {
        return new KafkaSettings(
                kafka.get("bootstrap").asString().orElse("kafka:9092"),
                kafka.get("topic").asString().orElse("ledger.transactions"),
                kafka.get("partitions").asInt().orElse(3),
                kafka.get("replication").asInt().orElse(1).shortValue(),
                kafka.get("group").asString().orElse("api-service.read-model"),
                Duration.ofMillis(kafka.get("relay-interval-ms").asLong().orElse(200L)),
                kafka.get("relay-batch").asInt().orElse(100));
    }
}
