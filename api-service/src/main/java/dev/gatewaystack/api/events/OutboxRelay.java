package dev.gatewaystack.api.events;

import dev.gatewaystack.api.db.Database;
import dev.gatewaystack.api.observe.LedgerMetrics;
import io.helidon.dbclient.DbRow;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Publishes outbox rows to Kafka. Every replica runs one relay; each batch is one database transaction that takes a
 * transaction-scoped advisory lock (so one relay publishes at a time and an account's events reach Kafka in posting
 * order; when that replica stops, another takes over with its next batch), claims the rows with
 * {@code FOR UPDATE SKIP LOCKED}, sends them in one Kafka transaction, commits it and marks them published.
 * A row is never published by two relays at once, and an unpublished row is retried until Kafka takes it (at least
 * once; consumers dedupe by eventId).
 *
 * <p>Why a Kafka transaction: with plain idempotent sends, a batch that failed half-way (Kafka stopped under load,
 * {@code scripts/chaos.sh kafka-stop}) left its later records in the topic while earlier ones had expired; the rolled
 * back batch was then sent again, so a consumer deduplicating by eventId saw an account's events out of posting
 * order. Now a failed batch's records are aborted, invisible to {@code read_committed} consumers (the read model and
 * any other consumer must read with {@code isolation.level=read_committed}).
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration STATS_EVERY = Duration.ofSeconds(1);
    /** Advisory lock key of the publishing relay (any constant unique within the database). */
    private static final long RELAY_LOCK = 0x6c65646765720001L;

    private final Database db;
    private final KafkaSettings settings;
    private final LedgerMetrics metrics;
    private final String clientId;
    private final Thread thread;
    private volatile boolean running = true;
    private KafkaProducer<String, String> producer;
    private long statsAt;

    public OutboxRelay(Database db, KafkaSettings settings, LedgerMetrics metrics, String instance) {
        this.db = db;
        this.settings = settings;
        this.metrics = metrics;
        this.clientId = "api-service-relay-" + instance;
        this.thread = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::run);
    }

    public OutboxRelay start() {
        thread.start();
        return this;
    }

    private void run() {
        long backoffMillis = 0;
        boolean topicReady = false;
        while (running) {
            try {
                if (!topicReady) {
                    ensureTopic();
                    topicReady = true;
                }
                int sent = publishBatch();
                refreshStats(false);
                if (backoffMillis > 0) {
                    LOG.info("outbox relay publishing again");
                    backoffMillis = 0;
                }
                if (sent < settings.relayBatch()) {
                    Thread.sleep(settings.relayInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (backoffMillis == 0) {
                    LOG.warn("outbox relay cannot publish, retrying with backoff: {}", rootMessage(e));
                }
                // A producer whose sends timed out may hold expired batches; start clean.
                closeProducer();
                refreshStats(true);
                backoffMillis = Math.min(Math.max(250, backoffMillis * 2), MAX_BACKOFF.toMillis());
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private int publishBatch() {
        return db.inTransaction(tx -> {
            boolean leader = tx.get("SELECT pg_try_advisory_xact_lock(?) AS locked", RELAY_LOCK)
                    .map(r -> r.column("locked").get(Boolean.class)).orElse(false);
            if (!leader) {
                return 0; // another replica's relay is publishing
            }
            List<DbRow> rows = tx.query("SELECT id, event_id, topic, message_key, payload FROM outbox "
                    + "WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                    settings.relayBatch()).toList();
            if (rows.isEmpty()) {
                return 0;
            }
            KafkaProducer<String, String> p = producer();
            // Aborted when anything below fails: run() closes this producer, and the next one's initTransactions()
            // (same transactional.id) aborts the open transaction before it publishes.
            p.beginTransaction();
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            for (DbRow row : rows) {
                ProducerRecord<String, String> record = new ProducerRecord<>(row.column("topic").get(String.class),
                        row.column("message_key").get(String.class), row.column("payload").get(String.class));
                record.headers().add("eventId", row.column("event_id").get(Object.class).toString()
                        .getBytes(StandardCharsets.UTF_8));
                record.headers().add("type", TransactionPostedEvent.TYPE.getBytes(StandardCharsets.UTF_8));
                acks.add(p.send(record));
            }
            p.flush();
            for (Future<RecordMetadata> ack : acks) {
                awaitAck(ack);
            }
            p.commitTransaction();
            String ids = rows.stream().map(r -> r.column("id").get(Long.class).toString())
                    .collect(Collectors.joining(",", "{", "}"));
            tx.dml("UPDATE outbox SET published_at = now() WHERE id = ANY(?::bigint[])", ids);
            return rows.size();
        });
    }

    private static void awaitAck(Future<RecordMetadata> ack) {
        try {
            ack.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge an outbox event", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    private void refreshStats(boolean force) {
        long now = System.nanoTime();
        if (!force && now - statsAt < STATS_EVERY.toNanos()) {
            return;
        }
        statsAt = now;
        try {
            db.client().execute().get("SELECT count(*) AS backlog, COALESCE(EXTRACT(EPOCH FROM now() - "
                            + "min(created_at)) * 1000, 0)::bigint AS age_ms FROM outbox WHERE published_at IS NULL")
                    .ifPresent(row -> metrics.outbox(row.column("backlog").get(Long.class),
                            row.column("age_ms").get(Long.class)));
        } catch (RuntimeException e) {
            LOG.debug("outbox statistics unavailable: {}", e.getMessage());
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
            props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            // Fail fast while Kafka is away: the batch is rolled back and retried, the rows stay unpublished.
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            // One transactional.id per replica (its instance name): a restarted replica fences its own predecessor;
            // a transaction left open by a replica that died is aborted by Kafka after this timeout.
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, clientId);
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30000);
            KafkaProducer<String, String> created = new KafkaProducer<>(props);
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    /** Creates the topic with the configured partitions unless it exists (the broker may not auto-create). */
    private void ensureTopic() {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000));
        try {
            admin.createTopics(List.of(new NewTopic(settings.topic(), settings.partitions(),
                    settings.replicationFactor()))).all().get(10, TimeUnit.SECONDS);
            LOG.info("created topic {}", settings.topic());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + settings.topic(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka to create topic " + settings.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            // Not close(): it waits up to the API timeout (5 s) for the pending createTopics, which kept a stop while
            // Kafka is unreachable waiting that long. The answer, if any, is already in hand here.
            admin.close(Duration.ZERO);
        }
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeProducer();
    }
}
