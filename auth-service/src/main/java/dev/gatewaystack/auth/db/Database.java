package dev.gatewaystack.auth.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatewaystack.support.db.Migrations;
import io.helidon.config.Config;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The connection pool and the schema: migrations run before the service accepts requests. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Database start(Config db) {
        String url = db.get("url").asString()
                .orElseThrow(() -> new IllegalStateException("set DB_URL (db.url), e.g. jdbc:postgresql://postgres:5432/auth"));
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(db.get("user").asString().orElse("auth"));
        hikari.setPassword(db.get("password").asString().orElse(""));
        hikari.setMaximumPoolSize(db.get("pool").asInt().orElse(10));
        hikari.setPoolName("auth-db");
        // Start even when the database is briefly unavailable; the migration check below then says why it cannot go on.
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            // Not Flyway's default db/migration: that is api-service's, and api-service's tests run a real
            // auth-service on one classpath with it (only the script names are recorded, so moving is safe).
            Migrations.migrateIfPending(dataSource, "db/auth"); // Flyway only when a migration is pending
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T tx(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    public boolean healthy() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** An unexpected database failure (answered 500, logged). */
    public static final class DatabaseException extends RuntimeException {
        public DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
