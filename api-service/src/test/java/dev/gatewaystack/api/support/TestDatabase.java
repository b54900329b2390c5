package dev.gatewaystack.api.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A fresh database with a random name for one test class, dropped afterwards. */
public final class TestDatabase implements AutoCloseable {
    private final TestServers.PostgresAddress server;
    private final String name;
    private final String url;

    public TestDatabase() {
        server = TestServers.postgres();
        name = "ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        int slash = server.url().lastIndexOf('/');
        int query = server.url().indexOf('?', slash);
        url = server.url().substring(0, slash + 1) + name + (query < 0 ? "" : server.url().substring(query));
    }

    public String url() {
        return url;
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    /** A JDBC connection to this database, for assertions on what was stored. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, server.user(), server.password());
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + server.url(), e);
        }
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
