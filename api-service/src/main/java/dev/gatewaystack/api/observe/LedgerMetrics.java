package dev.gatewaystack.api.observe;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's own meters, on {@code /observe/metrics} with Helidon's: postings, the outbox backlog and its age,
 * the read-model consumer's lag and what it did with each event.
 */
public final class LedgerMetrics {
    /**
     * One per JVM, like the global registry its gauges live in: a gauge registered twice keeps its first supplier,
     * so a second instance's values would never be seen.
     */
    private static final LedgerMetrics INSTANCE = new LedgerMetrics();

    private final Counter transactionsPosted;
    private final Counter eventsApplied;
    private final Counter eventsDuplicate;
    private final Counter eventsRejected;
    private final Counter eventsDeadLettered;
    private final AtomicLong outboxBacklog = new AtomicLong();
    private final AtomicLong outboxOldestAgeMillis = new AtomicLong();
    private final AtomicLong consumerLag = new AtomicLong();

    public static LedgerMetrics instance() {
        return INSTANCE;
    }

    private LedgerMetrics() {
        MeterRegistry registry = Metrics.globalRegistry();
        transactionsPosted = registry.getOrCreate(Counter.builder("ledger.transactions.posted")
                .description("Transactions posted (idempotent replays not counted)"));
        eventsApplied = registry.getOrCreate(Counter.builder("ledger.readmodel.events.applied")
                .description("ledger.transactions events applied to the monthly summary"));
        eventsDuplicate = registry.getOrCreate(Counter.builder("ledger.readmodel.events.duplicate")
                .description("ledger.transactions events skipped because their eventId was already applied"));
        eventsRejected = registry.getOrCreate(Counter.builder("ledger.readmodel.events.rejected")
                .description("ledger.transactions records that are not a valid event (logged and skipped)"));
        eventsDeadLettered = registry.getOrCreate(Counter.builder("ledger.readmodel.events.deadlettered")
                .description("ledger.transactions records that failed for a data reason (SQLSTATE class 22/23), "
                        + "parked in readmodel_dead_letters and skipped"));
        registry.getOrCreate(Gauge.builder("ledger.outbox.backlog", outboxBacklog::get)
                .description("Outbox events not yet published to Kafka"));
        registry.getOrCreate(Gauge.builder("ledger.outbox.oldest.age.seconds",
                        () -> outboxOldestAgeMillis.get() / 1000.0)
                .description("Age of the oldest unpublished outbox event"));
        registry.getOrCreate(Gauge.builder("ledger.readmodel.consumer.lag", consumerLag::get)
                .description("Records of ledger.transactions not yet consumed by this replica's read-model consumer"));
    }

    public void transactionPosted() {
        transactionsPosted.increment();
    }

    public void eventApplied() {
        eventsApplied.increment();
    }

    public void eventDuplicate() {
        eventsDuplicate.increment();
    }

    public void eventRejected() {
        eventsRejected.increment();
    }

    public void eventDeadLettered() {
        eventsDeadLettered.increment();
    }

    public void outbox(long backlog, long oldestAgeMillis) {
        outboxBacklog.set(backlog);
        outboxOldestAgeMillis.set(oldestAgeMillis);
    }

    public void consumerLag(long lag) {
        consumerLag.set(lag);
    }
}
