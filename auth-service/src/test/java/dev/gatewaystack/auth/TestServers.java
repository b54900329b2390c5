package dev.gatewaystack.auth;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The real PostgreSQL and RabbitMQ the tests use: from TEST_POSTGRES_URL / TEST_POSTGRES_USER /
 * TEST_POSTGRES_PASSWORD and TEST_RABBITMQ_URI (scripts/test-servers.sh, .ci/run), or else Testcontainers.
 * Never skips: without either, the test fails with a sentence saying what to set.
 */
final class TestServers {
    private static PostgreSQLContainer<?> postgres;
    private static RabbitMQContainer rabbit;

    private TestServers() {
    }

    record Db(String url, String user, String password, String name) {
    }

    /** A fresh database with a random name; drop it with {@link #dropDatabase}. */
    static synchronized Db createDatabase() {
        String adminUrl = System.getenv("TEST_POSTGRES_URL");
        String user = System.getenv("TEST_POSTGRES_USER");
        String password = System.getenv("TEST_POSTGRES_PASSWORD");
        if (adminUrl == null) {
            startPostgresContainer();
            adminUrl = postgres.getJdbcUrl();
            user = postgres.getUsername();
            password = postgres.getPassword();
        }
        String name = "auth_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database through " + adminUrl + ": " + e.getMessage()
                    + "; run eval \"$(scripts/test-servers.sh start)\" or set TEST_POSTGRES_URL, TEST_POSTGRES_USER "
                    + "and TEST_POSTGRES_PASSWORD to a role with CREATEDB", e);
        }
        String url = adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        return new Db(url, user, password, name);
    }

    static void dropDatabase(Db db) {
        String adminUrl = System.getenv("TEST_POSTGRES_URL");
        if (adminUrl == null) {
            adminUrl = postgres.getJdbcUrl();
        }
        try (Connection c = DriverManager.getConnection(adminUrl, db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + db.name(), e);
        }
    }

    static synchronized String rabbitUri() {
        String uri = System.getenv("TEST_RABBITMQ_URI");
        if (uri != null) {
            return uri;
        }
        if (rabbit == null) {
            requireDocker("TEST_RABBITMQ_URI (amqp://user:pass@host:5672/%2F)");
            rabbit = new RabbitMQContainer("rabbitmq:3.13-management");
            rabbit.start();
        }
        return rabbit.getAmqpUrl();
    }

    /** The command that stops/starts the broker (append "stop" / "start"). */
    static String rabbitCtl() {
        String ctl = System.getenv("TEST_RABBITMQ_CTL");
        if (ctl == null) {
            throw new IllegalStateException("the broker outage test needs TEST_RABBITMQ_CTL (a command taking stop or "
                    + "start), as printed by scripts/test-servers.sh start");
        }
        return ctl;
    }

    private static void startPostgresContainer() {
        if (postgres == null) {
            requireDocker("TEST_POSTGRES_URL, TEST_POSTGRES_USER and TEST_POSTGRES_PASSWORD");
            postgres = new PostgreSQLContainer<>("postgres:15-alpine");
            postgres.start();
        }
    }

    private static void requireDocker(String variables) {
        boolean docker;
        try {
            docker = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            throw new IllegalStateException("no test server: set " + variables
                    + " (eval \"$(scripts/test-servers.sh start)\") or make Docker available for Testcontainers");
        }
    }
}
