package dev.gatewaystack.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewaystack.api.support.ApiClient;
import dev.gatewaystack.api.support.ApiClient.Response;
import dev.gatewaystack.api.support.Closer;
import dev.gatewaystack.api.support.TestApp;
import dev.gatewaystack.api.support.TestDatabase;
import dev.gatewaystack.api.support.TestJwks;
import dev.gatewaystack.api.support.TestServers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 6, with the real Kafka and PostgreSQL: the read model cannot be jammed. Totals beyond a BIGINT are
 * summed exactly (NUMERIC), a record failing for a data reason is parked in {@code readmodel_dead_letters}, counted
 * and skipped, a transient failure is retried (not parked), and a posting that would overflow the account balance
 * answers 422 naming {@code amountMinor}. Each case ends with an ordinary posting through the API reaching the
 * summary: the consumer kept going.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadModelJamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MONTH = "2025-08";
    private TestDatabase db;
    private TestJwks jwks;
    private TestApp app;
    private ApiService api;
    private ApiClient client;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void start() {
        db = new TestDatabase();
        jwks = new TestJwks();
        app = new TestApp(db, jwks);
        api = app.start("jam-test");
        client = new ApiClient(api.port());
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    @AfterAll
    void stop() throws Exception {
        producer.close();
        Closer.closeAll(api, app, jwks, db);
    }

    @Test
    void totalsBeyondALongAreExactAndTheConsumerKeepsGoing() throws Exception {
        String token = jwks.token(UUID.randomUUID().toString());
        String account = account(token);
        // Amounts the API never accepts (it caps at 10^15), but the event contract allows any long: what used to
        // overflow the BIGINT totals and be retried forever.
        publish(account, event(account, Long.MAX_VALUE, "salary"));
        publish(account, event(account, Long.MAX_VALUE, "salary"));
        publish(account, event(account, Long.MIN_VALUE, "rent"));
        postAndAwait(token, account, -300, 4);

        JsonNode summary = summary(token, account);
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        BigInteger income = max.multiply(BigInteger.TWO);
        BigInteger expense = BigInteger.TWO.pow(63).add(BigInteger.valueOf(300));
        assertEquals(income, summary.get("incomeMinor").bigIntegerValue(), summary::toString);
        assertEquals(expense, summary.get("expenseMinor").bigIntegerValue(), summary::toString);
        assertEquals(income.subtract(expense), summary.get("netMinor").bigIntegerValue(), summary::toString);
        assertEquals(0, deadLetters(account));
    }

    @Test
    void aRecordFailingForADataReasonIsParkedCountedAndSkipped() throws Exception {
        String token = jwks.token(UUID.randomUUID().toString());
        String account = account(token);
        double before = deadLetteredMetric();
        // Valid JSON and a valid event, but PostgreSQL refuses NUL in text: SQLSTATE 22021, every time.
        String poison = event(account, -500, "bad\u0000category");
        publish(account, poison);
        postAndAwait(token, account, -700, 1);

        JsonNode summary = summary(token, account);
        assertEquals(700, summary.get("expenseMinor").asLong(), summary::toString);
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT topic, sql_state, error, record_key, record_value FROM readmodel_dead_letters "
                        + "WHERE convert_from(record_key, 'UTF8') = '" + account + "'")) {
            assertTrue(rs.next(), "the poison record is parked");
            assertEquals(app.topic(), rs.getString("topic"));
            assertTrue(rs.getString("sql_state").startsWith("22"), rs.getString("sql_state"));
            assertFalse(rs.getString("error").isBlank());
            assertArrayEquals(poison.getBytes(StandardCharsets.UTF_8), rs.getBytes("record_value"));
            assertFalse(rs.next(), "parked once");
        }
        ApiClient.await(Duration.ofSeconds(10), "the dead-letter counter",
                () -> deadLetteredMetric() == before + 1);
    }

    @Test
    void aTransientFailureIsRetriedNotParked() throws Exception {
        String token = jwks.token(UUID.randomUUID().toString());
        String account = account(token);
        // A trigger failing like a serialization conflict (SQLSTATE 40001, retryable) while the switch is on.
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS flaky_switch (on_ boolean)");
            s.execute("INSERT INTO flaky_switch VALUES (true)");
            s.execute("CREATE OR REPLACE FUNCTION flaky() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.category = 'flaky' AND EXISTS (SELECT 1 FROM flaky_switch) THEN "
                    + "RAISE EXCEPTION 'simulated conflict' USING ERRCODE = '40001'; END IF; RETURN NEW; END $$ "
                    + "LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER flaky BEFORE INSERT ON monthly_summary FOR EACH ROW EXECUTE FUNCTION flaky()");
        }
        try {
            publish(account, event(account, 900, "flaky"));
            Thread.sleep(2500); // several failed attempts
            assertEquals(0, summary(token, account).get("count").asLong(), "not applied while failing");
            assertEquals(0, deadLetters(account), "a transient failure is not parked");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM flaky_switch");
            }
            postAndAwait(token, account, -100, 2);
            JsonNode summary = summary(token, account);
            assertEquals(900, summary.get("incomeMinor").asLong(), summary::toString);
            assertEquals(0, deadLetters(account));
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER IF EXISTS flaky ON monthly_summary");
            }
        }
    }

    @Test
    void aPostingThatWouldOverflowTheBalanceIs422NamingTheField() throws Exception {
        String token = jwks.token(UUID.randomUUID().toString());
        String account = account(token);
        long nearMax = Long.MAX_VALUE - 500_000_000_000_000L;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE accounts SET balance_minor = " + nearMax + " WHERE id = '" + account + "'");
        }
        Response r = post(token, account, 1_000_000_000_000_000L, "overflow-1");
        assertEquals(422, r.status(), r::toString);
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r::toString);
        assertTrue(r.json().get("errors").has("amountMinor"), r::toString);
        assertEquals(nearMax, client.get("/api/accounts/" + account + "/balance", token).json()
                .get("balanceMinor").asLong(), "nothing was stored");
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM transactions WHERE account_id = '" + account + "'")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
        // The same key with a fitting amount is a new request that may go through (the failure stored nothing).
        assertEquals(201, post(token, account, -1, "overflow-2").status());
    }

    private String account(String token) {
        Response r = client.post("/api/accounts", token, "{\"name\":\"Main\",\"currency\":\"EUR\"}");
        assertEquals(201, r.status(), r::toString);
        return r.json().get("id").asText();
    }

    private Response post(String token, String account, long amount, String key) {
        return client.post("/api/accounts/" + account + "/transactions", token, "{\"amountMinor\":" + amount
                + ",\"currency\":\"EUR\",\"bookingDate\":\"" + MONTH + "-15\",\"description\":\"d\","
                + "\"category\":\"groceries\"}", "Idempotency-Key", key);
    }

    /** Posts through the API (outbox, relay, Kafka) and waits until the summary counts {@code count} postings. */
    private void postAndAwait(String token, String account, long amount, long count) {
        assertEquals(201, post(token, account, amount, UUID.randomUUID().toString()).status());
        ApiClient.await(Duration.ofSeconds(30), count + " postings in the summary of " + account,
                () -> summary(token, account).get("count").asLong() == count);
    }

    private JsonNode summary(String token, String account) {
        Response r = client.get("/api/accounts/" + account + "/summary?month=" + MONTH, token);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    private static String event(String account, long amount, String category) {
        ObjectNode e = JSON.createObjectNode()
                .put("eventId", UUID.randomUUID().toString())
                .put("type", "ledger.transaction.posted")
                .put("schemaVersion", 1)
                .put("occurredAt", "2025-08-15T10:00:00Z")
                .put("transactionId", UUID.randomUUID().toString())
                .put("accountId", account)
                .put("userId", "someone")
                .put("amountMinor", amount)
                .put("currency", "EUR")
                .put("bookingDate", MONTH + "-15")
                .put("category", category)
                .put("description", "produced by the test");
        return e.toString();
    }

    /** On the account's partition (key = account id), so it is consumed before the account's later postings. */
    private void publish(String account, String value) throws Exception {
        producer.send(new ProducerRecord<>(app.topic(), account, value)).get();
    }

    private long deadLetters(String account) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM readmodel_dead_letters WHERE convert_from(record_key, 'UTF8') = '"
                        + account + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private double deadLetteredMetric() {
        String text = new ApiClient(api.observePort()).get("/observe/metrics", null).body();
        Matcher m = Pattern.compile("(?m)^ledger_readmodel_events_deadlettered(?:_total)?(?:\\{[^}]*})? (\\S+)$")
                .matcher(text);
        assertTrue(m.find(), "ledger_readmodel_events_deadlettered in /observe/metrics");
        return Double.parseDouble(m.group(1));
    }
}
