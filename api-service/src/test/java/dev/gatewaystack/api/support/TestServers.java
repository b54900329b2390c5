package dev.gatewaystack.api.support;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.kafka.KafkaContainer;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The real servers the tests use. Addresses come from the TEST_* variables that scripts/test-servers.sh prints
 * (CI exports them); without them the tests start Testcontainers instead, and when that fails too they fail with a
 * sentence saying what to set. Never skipped.
 */
public final class TestServers {
    private static final String HOW = "run `eval \"$(scripts/test-servers.sh start)\"` (as root, JAVA_HOME set) "
            + "before the build, or make Docker available for the Testcontainers fallback";

    private static PostgresAddress postgres;
    private static String kafka;
    private static String rabbitUri;
    private static KafkaContainer kafkaContainer;

    private TestServers() {
    }

    public record PostgresAddress(String url, String user, String password) {
    }

    public static synchronized PostgresAddress postgres() {
        if (postgres == null) {
            String url = System.getenv("TEST_POSTGRES_URL");
            if (url != null && !url.isBlank()) {
                postgres = new PostgresAddress(url, System.getenv("TEST_POSTGRES_USER"),
                        System.getenv("TEST_POSTGRES_PASSWORD"));
            } else {
                try {
                    PostgreSQLContainer<?> c = new PostgreSQLContainer<>("postgres:15-alpine");
                    c.start();
                    postgres = new PostgresAddress(c.getJdbcUrl(), c.getUsername(), c.getPassword());
                } catch (RuntimeException e) {
                    throw new IllegalStateException("No PostgreSQL for the tests: TEST_POSTGRES_URL, TEST_POSTGRES_USER "
                            + "and TEST_POSTGRES_PASSWORD are not set and Testcontainers failed; " + HOW, e);
                }
            }
        }
        return postgres;
    }

    public static synchronized String kafkaBootstrap() {
        if (kafka == null) {
            String bootstrap = System.getenv("TEST_KAFKA_BOOTSTRAP");
            if (bootstrap != null && !bootstrap.isBlank()) {
                kafka = bootstrap;
            } else {
                try {
                    kafkaContainer = new KafkaContainer("apache/kafka:4.1.1");
                    kafkaContainer.start();
                    kafka = kafkaContainer.getBootstrapServers();
                } catch (RuntimeException e) {
                    throw new IllegalStateException("No Kafka for the tests: TEST_KAFKA_BOOTSTRAP is not set and "
                            + "Testcontainers failed; " + HOW, e);
                }
            }
        }
        return kafka;
    }

    public static synchronized String rabbitUri() {
        if (rabbitUri == null) {
            String uri = System.getenv("TEST_RABBITMQ_URI");
            if (uri != null && !uri.isBlank()) {
                rabbitUri = uri;
            } else {
                try {
                    RabbitMQContainer c = new RabbitMQContainer("rabbitmq:4-management");
                    c.start();
                    rabbitUri = "amqp://" + c.getAdminUsername() + ":" + c.getAdminPassword() + "@" + c.getHost() + ":"
                            + c.getAmqpPort() + "/%2F";
                } catch (RuntimeException e) {
                    throw new IllegalStateException("No RabbitMQ for the tests: TEST_RABBITMQ_URI is not set and "
                            + "Testcontainers failed; " + HOW, e);
                }
            }
        }
        return rabbitUri;
    }

    /** Stops Kafka (outage tests): TEST_KAFKA_CTL stop, or pausing the container (which keeps its port). */
    public static void stopKafka() {
        kafkaBootstrap();
        if (kafkaContainer != null) {
            kafkaContainer.getDockerClient().pauseContainerCmd(kafkaContainer.getContainerId()).exec();
        } else {
            control("TEST_KAFKA_CTL", "stop");
        }
    }

    public static void startKafka() {
        if (kafkaContainer != null) {
            kafkaContainer.getDockerClient().unpauseContainerCmd(kafkaContainer.getContainerId()).exec();
        } else {
            control("TEST_KAFKA_CTL", "start");
        }
    }

    private static void control(String variable, String action) {
        String command = System.getenv(variable);
        if (command == null || command.isBlank()) {
            throw new IllegalStateException(variable + " is not set, so the test cannot " + action
                    + " the broker; " + HOW);
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", command + " " + action).inheritIO().start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("`" + command + " " + action + "` failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
