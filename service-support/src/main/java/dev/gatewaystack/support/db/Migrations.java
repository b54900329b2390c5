package dev.gatewaystack.support.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Flyway only when a migration is pending. A Flyway run costs a fifth of a service's start-up even when there is
 * nothing to do (its plugins, a classpath scan, a lock, validation); one query on Flyway's own history table says
 * whether there is. Pending means: a versioned script on the classpath whose version the history does not record as
 * applied, a failed entry in the history, no history table yet, or anything this check does not understand (a
 * repeatable script, a location it cannot list) — then Flyway runs as before, with its lock and validation.
 * Not checked when skipping: the checksums of applied scripts (an edited applied script is found by the next run
 * that has a pending migration, and by the tests, which always migrate a fresh database).
 */
public final class Migrations {
    /** Flyway's default naming: V&lt;version&gt;__&lt;description&gt;.sql, version parts separated by '.' or '_'. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");
    private static final String HISTORY = "flyway_schema_history";
    private static final String UNDEFINED_TABLE = "42P01";

    private Migrations() {
    }

    /**
     * Runs Flyway on {@code dataSource} for the scripts under {@code location} (a classpath folder such as
     * {@code db/migration}) when one is pending; returns whether it ran.
     */
    public static boolean migrateIfPending(DataSource dataSource, String location) {
        return migrateIfPending(dataSource, Migrations.class.getClassLoader(), location);
    }

    static boolean migrateIfPending(DataSource dataSource, ClassLoader loader, String location) {
        boolean pending;
        try (Connection c = dataSource.getConnection()) {
            pending = pending(c, loader, location);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the database's migrations (" + location + "): " + e.getMessage()
                    + "; is the database up, and are its URL, user and password right?", e);
        }
        if (pending) {
            Flyway.configure(loader).dataSource(dataSource).locations("classpath:" + location).load().migrate();
        }
        return pending;
    }

    /** Whether Flyway has work to do on the database behind {@code c} (see the class comment). */
    static boolean pending(Connection c, ClassLoader loader, String location) throws SQLException {
        Optional<Set<MigrationVersion>> packaged = packagedVersions(loader, location);
        if (packaged.isEmpty()) {
            return true;
        }
        Set<MigrationVersion> applied = new HashSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM " + HISTORY + " WHERE version IS NOT NULL")) {
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return true;
                }
                applied.add(MigrationVersion.fromVersion(rs.getString(1)));
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return true;
            }
            throw e;
        }
        return !applied.containsAll(packaged.get());
    }

    /** The versions of the scripts under {@code location}, or empty when it holds something else or cannot be listed. */
    static Optional<Set<MigrationVersion>> packagedVersions(ClassLoader loader, String location) {
        try {
            Set<MigrationVersion> versions = new HashSet<>();
            Enumeration<URL> folders = loader.getResources(location);
            if (!folders.hasMoreElements()) {
                return Optional.empty();
            }
            while (folders.hasMoreElements()) {
                for (String name : fileNames(folders.nextElement(), location)) {
                    Matcher m = VERSIONED.matcher(name);
                    if (m.matches()) {
                        versions.add(MigrationVersion.fromVersion(m.group(1).replace('_', '.')));
                    } else if (name.endsWith(".sql")) {
                        return Optional.empty(); // a repeatable or otherwise named script: let Flyway decide
                    }
                }
            }
            return Optional.of(versions);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<String> fileNames(URL folder, String location) throws IOException, URISyntaxException {
        switch (folder.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                    return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) folder.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = location.endsWith("/") ? location : location + "/";
                    return jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith(prefix) && n.length() > prefix.length()
                                    && n.indexOf('/', prefix.length()) < 0)
                            .map(n -> n.substring(prefix.length())).toList();
                }
            }
            default -> throw new UncheckedIOException(new IOException("cannot list " + folder));
        }
    }
}
