package dev.gatewaystack.api.observe;

import dev.gatewaystack.api.auth.RevokedTokens;
import dev.gatewaystack.api.db.Database;
import dev.gatewaystack.api.messaging.Rabbit;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.observe.health.HealthObserver;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Readiness ({@code /observe/health}) of the three servers the service needs, PostgreSQL, Kafka and RabbitMQ, and
 * of auth-service's revocation list (read at least once; afterwards the last list is kept while auth-service is
 * away, so the check stays up and says when the list was last read).
 */
public final class HealthChecks implements AutoCloseable {
    private final Database db;
    private final Rabbit rabbit;
    private final Admin kafka;
    private final RevokedTokens revocations;

    public HealthChecks(Database db, Rabbit rabbit, String kafkaBootstrap, RevokedTokens revocations) {
        this.db = db;
        this.rabbit = rabbit;
        this.revocations = revocations;
        this.kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000));
    }

    public HealthObserver observer() {
        return HealthObserver.builder()
                .details(true)
                .addCheck(this::database, HealthCheckType.READINESS, "database")
                .addCheck(this::kafka, HealthCheckType.READINESS, "kafka")
                .addCheck(this::rabbitmq, HealthCheckType.READINESS, "rabbitmq")
                .addCheck(this::revocations, HealthCheckType.READINESS, "revocations")
                .build();
    }

    private HealthCheckResponse database() {
        try {
            db.client().execute().get("SELECT 1 AS ok");
            return HealthCheckResponse.builder().status(true).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.builder().status(false).detail("error", e.getMessage()).build();
        }
    }

    private HealthCheckResponse kafka() {
        try {
            int nodes = kafka.describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
            return HealthCheckResponse.builder().status(nodes > 0).detail("brokers", nodes).build();
        } catch (Exception e) {
            return HealthCheckResponse.builder().status(false).detail("error", "Kafka unreachable").build();
        }
    }

    private HealthCheckResponse rabbitmq() {
        return HealthCheckResponse.builder().status(rabbit.isOpen()).build();
    }

    private HealthCheckResponse revocations() {
        return HealthCheckResponse.builder().status(revocations.loaded())
                .detail("lastRead", String.valueOf(revocations.lastRead())).build();
    }

    @Override
    public void close() {
        // Nothing to finish: a health probe still waiting on Kafka just fails.
        kafka.close(java.time.Duration.ZERO);
    }
}
