package dev.gatewaystack.api.db;

import dev.gatewaystack.support.db.Migrations;
import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.function.Function;

/** PostgreSQL through Helidon's DbClient (JDBC, Hikari pool); the schema is migrated at start-up. */
public final class Database implements AutoCloseable {
    private final DbClient client;

    private Database(DbClient client) {
        this.client = client;
    }

    /**
     * Migrates the schema when a migration is pending (Flyway takes a lock, so replicas starting together are safe;
     * with nothing pending, one query instead of Flyway's start-up), then opens the pool.
     */
    public static Database start(Config db) {
        Config connection = db.get("connection");
        PGSimpleDataSource migrations = new PGSimpleDataSource();
        migrations.setUrl(connection.get("url").asString().get());
        migrations.setUser(connection.get("username").asString().orElse(null));
        migrations.setPassword(connection.get("password").asString().orElse(null));
        Migrations.migrateIfPending(migrations, "db/migration");
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
