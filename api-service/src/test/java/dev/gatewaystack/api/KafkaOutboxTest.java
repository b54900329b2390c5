package dev.gatewaystack.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaystack.api.support.ApiClient;
import dev.gatewaystack.api.support.ApiClient.Response;
import dev.gatewaystack.api.support.Closer;
import dev.gatewaystack.api.support.TestApp;
import dev.gatewaystack.api.support.TestDatabase;
import dev.gatewaystack.api.support.TestJwks;
import dev.gatewaystack.api.support.TestServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transactional outbox with real Kafka: two replicas on one database publish every event exactly once, and an
 * event posted while Kafka is down reaches the read model exactly once after it comes back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestDatabase db;
    private TestJwks jwks;
    private TestApp app;
    private ApiService replicaA;
    private ApiService replicaB;
    private ApiClient a;
    private ApiClient b;

    @BeforeAll
    void start() {
        db = new TestDatabase();
        jwks = new TestJwks();
        app = new TestApp(db, jwks);
        replicaA = app.start("replica-a");
        replicaB = app.start("replica-b");
        a = new ApiClient(replicaA.port());
        b = new ApiClient(replicaB.port());
    }

    @AfterAll
    void stop() throws Exception {
        Closer.closeAll(replicaA, replicaB, app, jwks, db);
    }

    private String account(String token) {
        Response r = a.post("/api/accounts", token, "{\"name\":\"Main\",\"currency\":\"EUR\"}");
        assertEquals(201, r.status(), r::toString);
        return r.json().get("id").asText();
    }

    private static Response post(ApiClient client, String token, String account, long amount, String key) {
        return client.post("/api/accounts/" + account + "/transactions", token, "{\"amountMinor\":" + amount
                        + ",\"currency\":\"EUR\",\"bookingDate\":\"2025-07-15\",\"description\":\"d\","
                        + "\"category\":\"groceries\"}", "Idempotency-Key", key);
    }

    @Test
    void twoReplicasPublishEveryEventExactlyOnce() throws Exception {
        String token = jwks.token(UUID.randomUUID().toString());
        String account = account(token);
        int n = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> posted = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ApiClient client = i % 2 == 0 ? a : b;
                int amount = -(i + 1);
                posted.add(pool.submit(() -> post(client, token, account, amount, UUID.randomUUID().toString())));
            }
            for (Future<Response> f : posted) {
                assertEquals(201, f.get().status(), () -> "posting failed");
            }
        } finally {
            pool.shutdownNow();
        }
        ApiClient.await(Duration.ofSeconds(30), "the outbox to drain", () -> unpublished() == 0);

        Map<String, Integer> eventIds = new HashMap<>();
        List<String> published = new ArrayList<>();
        for (ConsumerRecord<String, String> record : readTopic(n)) {
            if (account.equals(record.key())) { // other tests' accounts (and their broken records) are skipped
                JsonNode event = JSON.readTree(record.value());
                assertEquals(account, event.get("accountId").asText(), "record key is the account id");
                assertEquals("ledger.transaction.posted", event.get("type").asText());
                assertEquals(1, event.get("schemaVersion").asInt());
                List<String> fields = new ArrayList<>();
                event.fieldNames().forEachRemaining(fields::add);
                assertEquals(List.of("eventId", "type", "schemaVersion", "occurredAt", "transactionId", "accountId",
                        "userId", "amountMinor", "currency", "bookingDate", "category", "description"), fields,
                        "the documented schema (README)");
                assertEquals(event.get("eventId").asText(), new String(record.headers().lastHeader("eventId").value(),
                        java.nio.charset.StandardCharsets.UTF_8));
                eventIds.merge(event.get("eventId").asText(), 1, Integer::sum);
                published.add(event.get("eventId").asText());
            }
        }
        assertEquals(n, eventIds.size(), "one event per posting");
        eventIds.forEach((id, times) -> assertEquals(1, times, "event " + id + " published " + times + " times"));
        // One key, one partition: the account's events are in the order they were posted (outbox order).
        assertEquals(column("SELECT event_id FROM outbox WHERE message_key = '" + account + "' ORDER BY id"),
                published);

        String summary = "/api/accounts/" + account + "/summary?month=2025-07";
        ApiClient.await(Duration.ofSeconds(30), "the read model",
                () -> a.get(summary, token).json().get("count").asLong() == n);
        assertEquals((long) n * (n + 1) / 2, b.get(summary, token).json().get("expenseMinor").asLong());
    }

    @Test
    void eventPostedDuringAKafkaOutageReachesTheReadModelExactlyOnce() throws Exception {
        String token = jwks.token(UUID.randomUUID().toString());
        String account = account(token);
        String summary = "/api/accounts/" + account + "/summary?month=2025-07";
        try {
            TestServers.stopKafka();
            // Posting needs only the database: the event waits in the outbox.
            assertEquals(201, post(a, token, account, -500, "outage-1").status());
            assertEquals(201, post(b, token, account, -700, "outage-2").status());
            Thread.sleep(2000);
            assertEquals(2, unpublished());
            assertEquals(0, a.get(summary, token).json().get("count").asLong());
            ApiClient.await(Duration.ofSeconds(10), "the backlog metric", () -> new ApiClient(replicaA.observePort()).get("/observe/metrics", null)
                    .body().lines().anyMatch(l -> l.matches("ledger_outbox_backlog(\\{.*})? 2(\\.0)?")));
        } finally {
            TestServers.startKafka();
        }
        ApiClient.await(Duration.ofSeconds(120), "the events after Kafka's return",
                () -> a.get(summary, token).json().get("count").asLong() >= 2);
        Thread.sleep(3000); // a duplicate delivery would show up by now
        JsonNode result = b.get(summary, token).json();
        assertEquals(2, result.get("count").asLong());
        assertEquals(1200, result.get("expenseMinor").asLong());
        assertEquals(0, unpublished());
        assertEquals(2, count("SELECT count(*) FROM processed_events p JOIN outbox o ON o.event_id = p.event_id "
                + "WHERE o.message_key = '" + account + "'"));
    }

    @Test
    void redeliveredEventsAndGarbageDoNotChangeTheReadModel() throws Exception {
        String token = jwks.token(UUID.randomUUID().toString());
        String account = account(token);
        assertEquals(201, post(a, token, account, -300, "dup-1").status());
        String summary = "/api/accounts/" + account + "/summary?month=2025-07";
        ApiClient.await(Duration.ofSeconds(30), "the first delivery",
                () -> a.get(summary, token).json().get("count").asLong() == 1);

        // What a relay whose acknowledgement was lost would do: publish the same event again, plus a broken record.
        String payload = column("SELECT payload FROM outbox WHERE message_key = '" + account + "'").getFirst();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(app.topic(), account, payload)).get();
            producer.send(new ProducerRecord<>(app.topic(), account, "{not an event")).get();
            producer.send(new ProducerRecord<>(app.topic(), account, payload)).get();
        }
        assertEquals(201, post(b, token, account, -400, "dup-2").status());
        ApiClient.await(Duration.ofSeconds(30), "the posting after the duplicates",
                () -> a.get(summary, token).json().get("expenseMinor").asLong() >= 700);
        JsonNode result = a.get(summary, token).json();
        assertEquals(2, result.get("count").asLong());
        assertEquals(700, result.get("expenseMinor").asLong());
    }

    /**
     * A batch that fails half-way publishes none of its records: found by {@code scripts/chaos.sh kafka-stop}, where
     * the later records of a failed batch reached the topic before the earlier ones were sent again (an account's
     * events out of posting order). Here the middle row of one batch is too large for the producer (> 1 MB), so its
     * send fails while its neighbours' succeed.
     */
    @Test
    void aBatchThatFailsHalfWayPublishesNoneOfItsRecords() throws Exception {
        String key = "half-way-" + UUID.randomUUID();
        String tooLarge = "x".repeat(2 * 1024 * 1024);
        try (Connection c = db.connect()) {
            c.setAutoCommit(false); // one commit: the relays claim the three rows in one batch
            try (var insert = c.prepareStatement("INSERT INTO outbox (event_id, topic, message_key, payload) "
                    + "VALUES (?, ?, ?, ?)")) {
                for (String payload : List.of("first", tooLarge, "third")) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, app.topic());
                    insert.setString(3, key);
                    insert.setString(4, payload);
                    insert.executeUpdate();
                }
            }
            c.commit();
        }
        Thread.sleep(5000); // several relay attempts, each failing on the middle row
        List<String> seen = readCommitted(key);
        assertEquals(List.of(), seen, "records of a failed batch reached read_committed consumers");
        // Without the poison row the batch goes through, in outbox order, each record once.
        try (Connection c = db.connect()) {
            c.createStatement().executeUpdate("DELETE FROM outbox WHERE message_key = '" + key + "' AND payload = '"
                    + tooLarge + "'");
        }
        ApiClient.await(Duration.ofSeconds(30), "the outbox to drain", () -> unpublished() == 0);
        // The commit markers reach the partition just after the producer's commit returns (the coordinator writes
        // them), so a read_committed reader may need a moment to see the records: wait for them, then compare.
        ApiClient.await(Duration.ofSeconds(30), "the batch to be visible to read_committed readers",
                () -> readCommitted(key).size() >= 2);
        assertEquals(List.of("first", "third"), readCommitted(key));
    }

    private List<String> readCommitted(String key) {
        return readTopic(0).stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    /**
     * Every committed record on the test's topic (as the read model reads it), from the start until {@code atLeast}
     * arrived and 2 s passed quietly.
     */
    private List<ConsumerRecord<String, String>> readTopic(int atLeast) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrap(),
                // No group: the reader assigns itself every partition and leaves nothing behind on the broker.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(app.topic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end offsets are the last stable offsets; read at least that far.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(300));
                batch.forEach(records::add);
                if (!batch.isEmpty()) {
                    quietSince = System.nanoTime();
                } else if (records.size() >= atLeast && System.nanoTime() - quietSince > 2_000_000_000L
                        && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                    break;
                }
            }
        }
        assertTrue(records.size() >= atLeast, "only " + records.size() + " records on " + app.topic());
        return records;
    }

    private long unpublished() {
        try {
            return count("SELECT count(*) FROM outbox WHERE published_at IS NULL");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
