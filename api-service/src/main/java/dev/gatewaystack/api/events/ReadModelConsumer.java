package dev.gatewaystack.api.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.gatewaystack.api.db.Database;
import dev.gatewaystack.api.db.SqlStates;
import dev.gatewaystack.api.http.JsonBodies;
import dev.gatewaystack.api.observe.LedgerMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

/**
 * Maintains the monthly summary from {@code ledger.transactions}. Each event is applied in one database transaction
 * together with its eventId in {@code processed_events}, so a redelivered event changes nothing; offsets are
 * committed after the batch is applied (at least once in, exactly once in effect). Replicas share the consumer
 * group and so split the partitions.
 */
public final class ReadModelConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadModelConsumer.class);
    private static final ObjectReader EVENTS = JsonBodies.MAPPER.readerFor(TransactionPostedEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Database db;
    private final KafkaSettings settings;
    private final LedgerMetrics metrics;
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(500);

    public ReadModelConsumer(Database db, KafkaSettings settings, LedgerMetrics metrics, String instance) {
        this.db = db;
        this.settings = settings;
        this.metrics = metrics;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "api-service-read-model-" + instance);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The relay publishes in Kafka transactions: a failed batch's records are aborted and must not be applied.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.thread = Thread.ofPlatform().name("read-model-consumer").daemon().unstarted(this::run);
    }

    public ReadModelConsumer start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.topic()));
            while (running) {
                try {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, String> record : records) {
                        applyUntilStored(record);
                    }
                    if (!records.isEmpty()) {
                        consumer.commitSync();
                    }
                    updateLag();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // E.g. the group rebalanced while the database was away (commit refused): the next poll rejoins
                    // and resumes from the last committed offset; already applied events are skipped by eventId.
                    LOG.warn("read-model consumer recovering: {}", OutboxRelay.rootMessage(e));
                    pause();
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } finally {
            // Bounded: leaving the group needs the broker; while it is unreachable a longer wait only delays a stop
            // (offsets are committed after every batch, so nothing is lost).
            consumer.close(CLOSE_TIMEOUT);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /**
     * Retries a transient failure (database away, serialization failure, ...) until it succeeds or the service
     * stops: such an event must not be skipped. A failure for a data reason (SQLSTATE class 22 or 23) would fail
     * the same way forever and block every later record of the partition, so the record is parked in
     * {@code readmodel_dead_letters} with its error, counted, and skipped.
     */
    private void applyUntilStored(ConsumerRecord<String, String> record) {
        for (long backoff = 250; running; backoff = Math.min(backoff * 2, 5000)) {
            RuntimeException failure;
            try {
                apply(record);
                return;
            } catch (RuntimeException e) {
                failure = e;
            }
            String sqlState = SqlStates.dataError(failure);
            if (sqlState != null) {
                try {
                    park(record, sqlState, failure);
                    return;
                } catch (RuntimeException e) {
                    failure = e; // cannot park it now (database away?): retry the whole record
                }
            }
            LOG.warn("cannot apply {}-{}@{} to the read model, retrying: {}", record.topic(), record.partition(),
                    record.offset(), OutboxRelay.rootMessage(failure));
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        throw new WakeupException();
    }

    private void park(ConsumerRecord<String, String> record, String sqlState, RuntimeException failure) {
        // NUL is the one character a PostgreSQL text column refuses; the error may quote the offending value.
        String error = OutboxRelay.rootMessage(failure).replace('\0', '\uFFFD');
        long parked = db.client().execute().dml("INSERT INTO readmodel_dead_letters (topic, kafka_partition, kafka_offset, "
                        + "record_key, record_value, sql_state, error) VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT ON CONSTRAINT readmodel_dead_letters_record DO NOTHING",
                record.topic(), record.partition(), record.offset(), bytes(record.key()), bytes(record.value()),
                sqlState, error);
        if (parked == 0) {
            return; // parked before (redelivered after a crash before the offset commit): counted then
        }
        metrics.eventDeadLettered();
        LOG.error("parked {}-{}@{} in readmodel_dead_letters and skipped it: SQLSTATE {}: {}", record.topic(),
                record.partition(), record.offset(), sqlState, error);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    void apply(ConsumerRecord<String, String> record) {
        TransactionPostedEvent event;
        try {
            event = EVENTS.readValue(record.value());
            if (event.eventId() == null || event.accountId() == null || event.bookingDate() == null
                    || event.category() == null || !TransactionPostedEvent.TYPE.equals(event.type())) {
                throw new IllegalArgumentException("missing eventId, accountId, bookingDate, category or type");
            }
            // The month bucket is cut from it: only yyyy-MM-dd.
            if (event.bookingDate().length() != 10) {
                throw new IllegalArgumentException("bookingDate is not yyyy-MM-dd");
            }
            LocalDate.parse(event.bookingDate());
        } catch (Exception e) {
            // Nothing later can make this record valid: skipping it keeps the partition moving.
            metrics.eventRejected();
            LOG.error("skipping invalid record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        boolean applied = db.inTransaction(tx -> {
            long fresh = tx.insert("INSERT INTO processed_events (event_id) VALUES (?::uuid) ON CONFLICT DO NOTHING",
                    event.eventId());
            if (fresh == 0) {
                return false;
            }
            // BigDecimal: -Long.MIN_VALUE does not fit a long, and the NUMERIC totals take any sum.
            BigDecimal amount = BigDecimal.valueOf(event.amountMinor());
            tx.dml("INSERT INTO monthly_summary (account_id, month, category, income_minor, expense_minor, tx_count) "
                            + "VALUES (?::uuid, ?, ?, ?, ?, 1) ON CONFLICT (account_id, month, category) DO UPDATE SET "
                            + "income_minor = monthly_summary.income_minor + EXCLUDED.income_minor, "
                            + "expense_minor = monthly_summary.expense_minor + EXCLUDED.expense_minor, "
                            + "tx_count = monthly_summary.tx_count + 1",
                    event.accountId(), event.month(), event.category(), amount.max(BigDecimal.ZERO),
                    amount.negate().max(BigDecimal.ZERO));
            return true;
        });
        if (applied) {
            metrics.eventApplied();
        } else {
            metrics.eventDuplicate();
        }
    }

    private void updateLag() {
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        metrics.consumerLag(lag);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
