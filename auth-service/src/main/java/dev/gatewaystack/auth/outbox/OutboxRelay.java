package dev.gatewaystack.auth.outbox;

import dev.gatewaystack.auth.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves outbox rows to RabbitMQ. Each round locks a batch with {@code FOR UPDATE SKIP LOCKED} (so replicas share the
 * work without publishing a row twice), publishes each row with a confirm, and marks it sent in the same transaction.
 * A crash between the confirm and the commit republishes the row: delivery is at least once, and consumers
 * deduplicate by message-id (= eventId).
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final Database db;
    private final RabbitPublisher publisher;
    private final Duration interval;
    private final Duration maxBackoff;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong backlog = new AtomicLong();
    private volatile Duration backoff = Duration.ZERO;

    public OutboxRelay(Database db, RabbitPublisher publisher, Duration interval, Duration maxBackoff) {
        this.db = db;
        this.publisher = publisher;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
    }

    public void start() {
        scheduler.schedule(this::loop, 0, TimeUnit.MILLISECONDS);
    }

    /** Rows not yet published, as of the last round (a metric). */
    public long backlog() {
        return backlog.get();
    }

    public RabbitPublisher publisher() {
        return publisher;
    }

    private void loop() {
        Duration next = interval;
        try {
            int published;
            do {
                published = round();
            } while (published == BATCH);
            backoff = Duration.ZERO;
            backlog.set(countUnsent());
        } catch (Exception e) {
            backoff = backoff.isZero() ? interval : min(backoff.multipliedBy(2), maxBackoff);
            next = backoff;
            LOG.warn("outbox relay: publishing failed ({}); retrying in {}", e.toString(), next);
            try {
                backlog.set(countUnsent());
            } catch (RuntimeException ignored) {
                // the database is down too; keep the last known backlog
            }
        }
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::loop, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One batch in one transaction; returns the number of rows published. */
    int round() {
        return db.tx(c -> {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, exchange, routing_key, payload FROM outbox "
                    + "WHERE sent_at IS NULL ORDER BY created_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4)});
                }
            }
            for (Object[] row : rows) {
                try {
                    publisher.publish((String) row[1], (String) row[2], row[0].toString(), (String) row[3]);
                } catch (Exception e) {
                    // Count the attempt in its own statement; the rows already confirmed stay marked below.
                    markAttempt(c, (UUID) row[0]);
                    markSent(c, rows.subList(0, rows.indexOf(row)));
                    c.commit();
                    throw new IllegalStateException("broker unavailable: " + e, e);
                }
            }
            markSent(c, rows);
            return rows.size();
        });
    }

    private static void markSent(java.sql.Connection c, List<Object[]> rows) throws java.sql.SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ?")) {
            for (Object[] row : rows) {
                ps.setObject(1, row[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void markAttempt(java.sql.Connection c, UUID id) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }

    private long countUnsent() {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
    }
}
