package dev.gatewaystack.support.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flyway runs exactly when a migration is pending, on a real PostgreSQL (a database of its own per test). */
class MigrationsTest {
    @TempDir
    Path dir;
    private PGSimpleDataSource dataSource;
    private String database;
    private String admin;

    @BeforeEach
    void freshSchema() throws SQLException {
        String url = System.getenv("TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MigrationsTest needs PostgreSQL: set TEST_POSTGRES_URL, TEST_POSTGRES_USER "
                    + "and TEST_POSTGRES_PASSWORD (scripts/test-servers.sh start prints them)");
        }
        database = "migrations_" + UUID.randomUUID().toString().replace("-", "");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(System.getenv("TEST_POSTGRES_USER"));
        dataSource.setPassword(System.getenv("TEST_POSTGRES_PASSWORD"));
        execute("CREATE DATABASE " + database);
        admin = url;
        dataSource.setUrl(url.replaceFirst("/[^/?]*(\\?.*)?$", "/" + database + "$1"));
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        dataSource.setUrl(admin);
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void runsOnAFreshDatabaseThenSkipsUntilAScriptIsAdded() throws IOException, SQLException {
        scripts("V1__first.sql", "V1_1__second.sql");
        try (URLClassLoader loader = loader(dir.toUri().toURL())) {
            assertTrue(Migrations.migrateIfPending(dataSource, loader, "db/test"), "no history table yet");
            assertEquals(2, count("SELECT count(*) FROM flyway_schema_history WHERE success"));
            assertFalse(Migrations.migrateIfPending(dataSource, loader, "db/test"), "both applied: Flyway skipped");

            scripts("V2__third.sql");
            assertTrue(Migrations.migrateIfPending(dataSource, loader, "db/test"), "V2 is pending");
            assertEquals(0, count("SELECT count(*) FROM third"), "V2 applied: its table exists");
            assertFalse(Migrations.migrateIfPending(dataSource, loader, "db/test"));
        }
    }

    @Test
    void readsTheScriptsInsideAJarLikeTheServicesOwn() throws IOException, SQLException {
        Path jar = dir.resolve("service.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : new String[] {"db/", "db/jarred/", "db/other/"}) { // as maven-jar-plugin writes them
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            for (String name : new String[] {"db/jarred/V1__one.sql", "db/jarred/V2__two.sql", "db/other/V9__x.sql"}) {
                out.putNextEntry(new JarEntry(name));
                out.write(("CREATE TABLE t" + name.charAt(11) + " (id int);").getBytes());
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = loader(jar.toUri().toURL())) {
            assertEquals(2, Migrations.packagedVersions(loader, "db/jarred").orElseThrow().size());
            assertTrue(Migrations.migrateIfPending(dataSource, loader, "db/jarred"));
            assertFalse(Migrations.migrateIfPending(dataSource, loader, "db/jarred"));
        }
    }

    @Test
    void aFailedEntryOrARepeatableScriptAlwaysLetsFlywayDecide() throws IOException, SQLException {
        Path scripts = scripts("V1__first.sql");
        try (URLClassLoader loader = loader(dir.toUri().toURL())) {
            Migrations.migrateIfPending(dataSource, loader, "db/test");
            execute("UPDATE flyway_schema_history SET success = false");
            try (Connection c = dataSource.getConnection()) {
                assertTrue(Migrations.pending(c, loader, "db/test"), "a failed entry");
                execute("UPDATE flyway_schema_history SET success = true");
                assertFalse(Migrations.pending(c, loader, "db/test"));
                Files.writeString(scripts.resolve("R__view.sql"), "CREATE OR REPLACE VIEW v AS SELECT 1;");
                assertTrue(Migrations.pending(c, loader, "db/test"), "a repeatable script");
            }
        }
    }

    @Test
    void aDatabaseAheadOfTheScriptsIsNotPending() throws IOException, SQLException {
        Path scripts = scripts("V1__first.sql", "V2__second.sql");
        try (URLClassLoader newer = loader(dir.toUri().toURL())) {
            Migrations.migrateIfPending(dataSource, newer, "db/test");
        }
        Files.delete(scripts.resolve("V2__second.sql"));
        try (URLClassLoader older = loader(dir.toUri().toURL()); Connection c = dataSource.getConnection()) {
            // An older replica during a rolling update: Flyway ignores future migrations by default, and so do we.
            assertFalse(Migrations.pending(c, older, "db/test"));
        }
    }

    @Test
    void aLocationThatDoesNotExistLetsFlywayReportIt() throws IOException, SQLException {
        try (URLClassLoader loader = loader(dir.toUri().toURL()); Connection c = dataSource.getConnection()) {
            assertTrue(Migrations.packagedVersions(loader, "db/none").isEmpty());
            assertTrue(Migrations.pending(c, loader, "db/none"));
        }
    }

    /** Scripts under db/test of the temporary folder, each creating a table named after its description. */
    private Path scripts(String... names) throws IOException {
        Path scripts = Files.createDirectories(dir.resolve("db/test"));
        for (String name : names) {
            String table = name.substring(name.indexOf("__") + 2, name.length() - ".sql".length());
            Files.writeString(scripts.resolve(name), "CREATE TABLE " + table + " (id int);");
        }
        return scripts;
    }

    private static URLClassLoader loader(URL root) {
        return new URLClassLoader(new URL[] {root}, MigrationsTest.class.getClassLoader());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
