package dev.gatewaystack.api.support;

import dev.gatewaystack.api.ApiService;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts api-service replicas against the test servers: application.yaml with overrides for the test database, the
 * test JWKS, and a topic, consumer group and queues of this test class's own (so classes do not see each other's
 * messages).
 */
public final class TestApp implements AutoCloseable {
    private final TestDatabase db;
    private final String jwksUri;
    private final String issuer;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    public TestApp(TestDatabase db, TestJwks jwks) {
        this(db, jwks.jwksUri(), TestJwks.ISSUER);
    }

    /** Trusting another token issuer, e.g. a real auth-service. */
    public TestApp(TestDatabase db, String jwksUri, String issuer) {
        this.db = db;
        this.jwksUri = jwksUri;
        this.issuer = issuer;
    }

    public String topic() {
        return "ledger.transactions.test-" + suffix;
    }

    public String userEventsQueue() {
        return "api-service.user-registered.test-" + suffix;
    }

    public String exportQueue() {
        return "api-service.statement-exports.test-" + suffix;
    }

    /** Deletes what the replicas declared on the shared brokers: queues, dead-letter exchanges, the topic. */
    @Override
    public void close() throws Exception {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setUri(TestServers.rabbitUri());
        try (com.rabbitmq.client.Connection c = factory.newConnection();
             com.rabbitmq.client.Channel channel = c.createChannel()) {
            for (String q : new String[] {userEventsQueue(), exportQueue()}) {
                channel.queueDelete(q);
                channel.queueDelete(dev.gatewaystack.api.messaging.RabbitSettings.deadLetterQueue(q));
                channel.exchangeDelete(q + ".dlx");
            }
        }
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafkaBootstrap()))) {
            admin.deleteTopics(java.util.List.of(topic())).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            admin.deleteConsumerGroups(java.util.List.of(group())).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private String group() {
        return "api-service.read-model.test-" + suffix;
    }

    public ApiService start(String instance) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("server.port", "0");
        overrides.put("server.host", "127.0.0.1");
        overrides.put("server.sockets.0.port", "0");
        overrides.put("server.sockets.0.host", "127.0.0.1");
        overrides.put("app.instance", instance);
        overrides.put("auth.jwks-uri", jwksUri);
        overrides.put("auth.issuer", issuer);
        // auth-service (and TestJwks) serve the revocation list next to the JWKS.
        overrides.put("auth.revocations-uri", jwksUri.replace("/oauth2/jwks", "/internal/revoked-access-tokens"));
        overrides.put("db.connection.url", db.url());
        overrides.put("db.connection.username", db.user());
        overrides.put("db.connection.password", db.password());
        overrides.put("kafka.bootstrap", TestServers.kafkaBootstrap());
        overrides.put("kafka.topic", topic());
        overrides.put("kafka.group", group());
        overrides.put("rabbitmq.uri", TestServers.rabbitUri());
        overrides.put("rabbitmq.user-events-queue", userEventsQueue());
        overrides.put("rabbitmq.export-queue", exportQueue());
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(overrides), ConfigSources.classpath("application.yaml"))
                .build();
        return ApiService.start(config);
    }
}
