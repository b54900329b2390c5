package dev.gatewaystack.api.db;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;
import org.flywaydb.core.Flyway;

import java.util.function.Function;

/** PostgreSQL through Helidon's DbClient (JDBC, Hikari pool); Flyway migrates the schema at start-up. */
public final class Database implements AutoCloseable {
    private final DbClient client;

    private Database(DbClient client) {
        this.client = client;
    }

    /** Migrates the schema (Flyway takes a lock, so replicas starting together are safe), then opens the pool. */
    public static Database start(Config db) {
        Config connection = db.get("connection");
        String url = connection.get("url").asString().get();
        Flyway.configure()
                .dataSource(url,
                        connection.get("username").asString().orElse(null),
                        connection.get("password").asString().orElse(null))
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new Database(DbClient.create(db));
    }

    public DbClient client() {
        return client;
    }

    /** Runs {@code work} in one database transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<DbTransaction, T> work) {
        DbTransaction tx = client.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        tx.commit();
        return result;
    }

    @Override
    public void close() {
        client.close();
    }
}
