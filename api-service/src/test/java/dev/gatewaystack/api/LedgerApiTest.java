package dev.gatewaystack.api;

import dev.gatewaystack.api.ledger.ReferenceData;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaystack.api.support.ApiClient;
import dev.gatewaystack.api.support.ApiClient.Response;
import dev.gatewaystack.api.support.Closer;
import dev.gatewaystack.api.support.TestApp;
import dev.gatewaystack.api.support.TestDatabase;
import dev.gatewaystack.api.support.TestJwks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST API against a real PostgreSQL (and the service's Kafka and RabbitMQ connections). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerApiTest {
    private TestDatabase db;
    private TestJwks jwks;
    private TestApp app;
    private ApiService service;
    private ApiClient api;

    @BeforeAll
    void start() {
        db = new TestDatabase();
        jwks = new TestJwks();
        app = new TestApp(db, jwks);
        service = app.start("replica-a");
        api = new ApiClient(service.port());
    }

    @AfterAll
    void stop() throws Exception {
        Closer.closeAll(service, app, jwks, db);
    }

    private String newUser() {
        return jwks.token(UUID.randomUUID().toString());
    }

    private String createAccount(String token, String name, String currency) {
        Response r = api.post("/api/accounts", token, "{\"name\":\"" + name + "\",\"currency\":\"" + currency + "\"}");
        assertEquals(201, r.status(), r::toString);
        return r.json().get("id").asText();
    }

    private static String tx(long amount, String currency, String date, String category) {
        return "{\"amountMinor\":" + amount + ",\"currency\":\"" + currency + "\",\"bookingDate\":\"" + date
                + "\",\"description\":\"test " + amount + "\",\"category\":\"" + category + "\"}";
    }

    private Response post(String token, String account, String key, String body) {
        return api.post("/api/accounts/" + account + "/transactions", token, body, "Idempotency-Key", key);
    }

    private static void assertProblem(Response r, int status) {
        assertEquals(status, r.status(), r::toString);
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals(status, r.json().get("status").asInt());
        assertFalse(r.body().contains("Exception"), r::toString);
    }

    @Test
    void statusAndPublicReferenceDataNeedNoToken() {
        Response status = api.get("/api/status", null);
        assertEquals(200, status.status());
        assertEquals("replica-a", status.json().get("instance").asText());
        // Serialized once at start-up; the same bytes and media type as the JSON-P answer it replaced.
        assertEquals("{\"service\":\"api-service\",\"status\":\"UP\",\"instance\":\"replica-a\"}", status.body());
        assertEquals("application/json", status.header("Content-Type"));

        Response ref = api.get("/api/reference-data", null);
        assertEquals(200, ref.status());
        assertTrue(ref.header("Cache-Control").contains("public"));
        List<String> codes = new ArrayList<>();
        ref.json().get("currencies").forEach(c -> codes.add(c.get("code").asText()));
        assertTrue(codes.containsAll(List.of("EUR", "USD", "JPY")), codes::toString);
        assertFalse(codes.contains("XXX"));
        assertTrue(ref.json().get("categories").toString().contains("groceries"));
        // Deterministic bytes: keys in a fixed order, the same in every JVM (Map.copyOf / Map.of iterate in an order
        // salted per JVM, so two replicas served different bytes for the same data).
        assertTrue(ref.body().matches("\\{\"currencies\":\\[\\{\"code\":\"[A-Z]{3}\",\"name\":\"[^\"]+\",\"minorUnits\":\\d},.*"
                + "],\"categories\":\\[\"salary\",.*],\"maxAbsAmountMinor\":" + ReferenceData.MAX_ABS_AMOUNT_MINOR + "}"),
                () -> ref.body().substring(0, 200));
    }

    @Test
    void accountLifecycle() {
        String token = newUser();
        String id = createAccount(token, "Everyday", "EUR");

        Response got = api.get("/api/accounts/" + id, token);
        assertEquals(200, got.status());
        assertEquals("Everyday", got.json().get("name").asText());
        assertEquals("OPEN", got.json().get("status").asText());
        assertEquals(0, got.json().get("balanceMinor").asLong());
        Response balance = api.get("/api/accounts/" + id + "/balance", token);
        assertEquals("{\"accountId\":\"" + id + "\",\"currency\":\"EUR\",\"balanceMinor\":0}", balance.body());

        Response renamed = api.patch("/api/accounts/" + id, token, "{\"name\":\"Household\"}");
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("Household", renamed.json().get("name").asText());

        createAccount(token, "Travel", "USD");
        Response list = api.get("/api/accounts", token);
        assertEquals(200, list.status());
        assertEquals(2, list.json().get("items").size());

        // A balance other than zero blocks closing.
        assertEquals(201, post(token, id, "k1", tx(500, "EUR", "2025-01-02", "salary")).status());
        assertProblem(api.post("/api/accounts/" + id + "/close", token, ""), 409);
        assertEquals(201, post(token, id, "k2", tx(-500, "EUR", "2025-01-03", "groceries")).status());

        Response closed = api.post("/api/accounts/" + id + "/close", token, "");
        assertEquals(200, closed.status(), closed::toString);
        assertEquals("CLOSED", closed.json().get("status").asText());
        assertNotNull(closed.json().get("closedAt").textValue());
        // Closing again is harmless; posting to or renaming a closed account conflicts.
        assertEquals(200, api.post("/api/accounts/" + id + "/close", token, "").status());
        assertProblem(post(token, id, "k3", tx(100, "EUR", "2025-01-04", "salary")), 409);
        assertProblem(api.patch("/api/accounts/" + id, token, "{\"name\":\"x\"}"), 409);
    }

    @Test
    void invalidAccountsAnswer400NamingTheFields() {
        String token = newUser();
        Response r = api.post("/api/accounts", token, "{\"name\":\" \",\"currency\":\"EURO\",\"colour\":\"red\"}");
        assertProblem(r, 400);
        JsonNode errors = r.json().get("errors");
        assertTrue(errors.has("name"), r::toString);
        assertTrue(errors.has("currency"), r::toString);
        assertTrue(errors.has("colour"), r::toString);

        assertProblem(api.post("/api/accounts", token, "{\"name\":\"A\",\"currency\":\"XXX\"}"), 400);
        assertProblem(api.post("/api/accounts", token, "{not json"), 400);
        assertProblem(api.post("/api/accounts", token, "[]"), 400);
        assertProblem(api.send("POST", "/api/accounts", token, "text/plain", "name=A".getBytes()), 415);
        assertProblem(api.send("POST", "/api/accounts", token, "application/json", new byte[20_000]), 413);
        assertProblem(api.get("/api/accounts/not-a-uuid", token), 400);
        assertProblem(api.get("/api/accounts/" + UUID.randomUUID(), token), 404);
    }

    @Test
    void missingOrBadTokensAnswer401() {
        Response none = api.get("/api/accounts", null);
        assertProblem(none, 401);
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"));
        assertProblem(api.get("/api/accounts", "not.a.jwt"), 401);
        String expired = jwks.token(UUID.randomUUID().toString(), b -> b
                .expirationTime(new java.util.Date(System.currentTimeMillis() - 300_000))
                .issueTime(new java.util.Date(System.currentTimeMillis() - 900_000))
                .notBeforeTime(new java.util.Date(System.currentTimeMillis() - 900_000)));
        assertProblem(api.get("/api/accounts", expired), 401);
    }

    @Test
    void anotherUsersAccountIsNotFound() {
        String alice = newUser();
        String bob = newUser();
        String account = createAccount(alice, "Alice's", "EUR");
        Response posted = post(alice, account, "a1", tx(1000, "EUR", "2025-02-01", "salary"));
        assertEquals(201, posted.status());
        String txId = posted.json().get("id").asText();

        String base = "/api/accounts/" + account;
        assertProblem(api.get(base, bob), 404);
        assertProblem(api.patch(base, bob, "{\"name\":\"mine\"}"), 404);
        assertProblem(api.post(base + "/close", bob, ""), 404);
        assertProblem(post(bob, account, "b1", tx(1000, "EUR", "2025-02-01", "salary")), 404);
        assertProblem(api.get(base + "/transactions", bob), 404);
        assertProblem(api.get(base + "/transactions/" + txId, bob), 404);
        assertProblem(api.get(base + "/balance", bob), 404);
        assertProblem(api.get(base + "/summary?month=2025-02", bob), 404);
        assertProblem(api.post(base + "/statements", bob, "{\"month\":\"2025-02\"}"), 404);
        assertEquals(0, api.get("/api/accounts", bob).json().get("items").size());
        assertEquals(1000, api.get(base + "/balance", alice).json().get("balanceMinor").asLong());
    }

    @Test
    void sameKeyAndBodyReplaysTheStoredTransactionDifferentBodyIs422() throws SQLException {
        String token = newUser();
        String account = createAccount(token, "Main", "EUR");
        String body = tx(-1250, "EUR", "2025-03-05", "groceries");

        Response first = post(token, account, "key-1", body);
        assertEquals(201, first.status(), first::toString);
        assertNull(first.header("Idempotent-Replayed"));
        // The same request with the fields in another order is the same request.
        Response again = post(token, account, "key-1", "{\"category\":\"groceries\",\"description\":\"test -1250\","
                + "\"bookingDate\":\"2025-03-05\",\"currency\":\"EUR\",\"amountMinor\":-1250}");
        assertEquals(201, again.status(), again::toString);
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.json(), again.json());
        assertEquals(first.header("Location"), again.header("Location"));

        assertProblem(post(token, account, "key-1", tx(-1251, "EUR", "2025-03-05", "groceries")), 422);
        String other = createAccount(token, "Other", "EUR");
        assertProblem(post(token, other, "key-1", body), 422);

        assertEquals(-1250, api.get("/api/accounts/" + account + "/balance", token).json().get("balanceMinor").asLong());
        assertEquals(1, count("SELECT count(*) FROM transactions WHERE account_id = '" + account + "'"));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE message_key = '" + account + "'"));

        // Keys are per user: another user may use the same key.
        String bob = newUser();
        assertEquals(201, post(bob, createAccount(bob, "Bob", "EUR"), "key-1", body).status());
    }

    @Test
    void concurrentRetriesWithOneKeyPostOnce() throws Exception {
        String token = newUser();
        String account = createAccount(token, "Main", "EUR");
        String body = tx(777, "EUR", "2025-03-06", "salary");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> post(token, account, "same-key", body));
            }
            Set<String> ids = new HashSet<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                Response r = f.get();
                assertEquals(201, r.status(), r::toString);
                ids.add(r.json().get("id").asText());
            }
            assertEquals(1, ids.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(777, api.get("/api/accounts/" + account + "/balance", token).json().get("balanceMinor").asLong());
    }

    @Test
    void postingIsValidated() {
        String token = newUser();
        String account = createAccount(token, "Main", "EUR");
        Response noKey = api.post("/api/accounts/" + account + "/transactions", token,
                tx(100, "EUR", "2025-01-01", "salary"));
        assertProblem(noKey, 400);
        assertTrue(noKey.json().get("errors").has("Idempotency-Key"));

        Response bad = post(token, account, "v1", "{\"amountMinor\":12.5,\"currency\":\"eur\",\"bookingDate\":"
                + "\"2025-13-01\",\"description\":\"\",\"category\":\"yachts\"}");
        assertProblem(bad, 400);
        JsonNode errors = bad.json().get("errors");
        for (String field : List.of("amountMinor", "currency", "bookingDate", "description", "category")) {
            assertTrue(errors.has(field), field + " in " + bad);
        }
        assertProblem(post(token, account, "v2", tx(0, "EUR", "2025-01-01", "salary")), 400);
        assertProblem(post(token, account, "v3", "{\"amountMinor\":\"100\",\"currency\":\"EUR\",\"bookingDate\":"
                + "\"2025-01-01\",\"description\":\"x\",\"category\":\"salary\"}"), 400);
        // A valid currency that is not the account's: 422.
        assertProblem(post(token, account, "v4", tx(100, "USD", "2025-01-01", "salary")), 422);
        assertEquals(0, api.get("/api/accounts/" + account + "/balance", token).json().get("balanceMinor").asLong());
    }

    @Test
    void paginationAndFilters() {
        String token = newUser();
        String account = createAccount(token, "Main", "EUR");
        long sum = 0;
        for (int i = 1; i <= 25; i++) {
            String date = "2025-04-" + String.format("%02d", (i % 10) + 1); // several transactions per day
            String category = i % 3 == 0 ? "dining" : "groceries";
            assertEquals(201, post(token, account, "p" + i, tx(-i, "EUR", date, category)).status());
            sum -= i;
        }
        String base = "/api/accounts/" + account + "/transactions";
        List<String> seen = new ArrayList<>();
        String cursor = null;
        String previousKey = null;
        int pages = 0;
        do {
            Response page = api.get(base + "?limit=10" + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertEquals(200, page.status(), page::toString);
            pages++;
            for (JsonNode item : page.json().get("items")) {
                seen.add(item.get("id").asText());
                String key = item.get("bookingDate").asText();
                assertTrue(previousKey == null || key.compareTo(previousKey) <= 0, "newest first");
                previousKey = key;
            }
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asText();
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(25, seen.size());
        assertEquals(25, new HashSet<>(seen).size(), "no item on two pages");

        Response dining = api.get(base + "?category=dining&limit=100", token);
        assertEquals(8, dining.json().get("items").size());
        dining.json().get("items").forEach(i -> assertEquals("dining", i.get("category").asText()));

        Response range = api.get(base + "?from=2025-04-02&to=2025-04-03&limit=100", token);
        range.json().get("items").forEach(i -> assertTrue(i.get("bookingDate").asText().compareTo("2025-04-02") >= 0
                && i.get("bookingDate").asText().compareTo("2025-04-03") <= 0));
        assertEquals(6, range.json().get("items").size()); // i % 10 in {1, 2}: i = 1, 2, 11, 12, 21, 22

        Response invalid = api.get(base + "?limit=0&from=yesterday&category=yachts&cursor=zzz", token);
        assertProblem(invalid, 400);
        assertTrue(invalid.json().get("errors").has("limit"));
        assertTrue(invalid.json().get("errors").has("from"));
        assertTrue(invalid.json().get("errors").has("category"));
        assertProblem(api.get(base + "?cursor=not-a-cursor", token), 400);

        assertEquals(sum, api.get("/api/accounts/" + account + "/balance", token).json().get("balanceMinor").asLong());
    }

    @Test
    void monthlySummaryFollowsPostings() {
        String token = newUser();
        String account = createAccount(token, "Main", "EUR");
        post(token, account, "s1", tx(300000, "EUR", "2025-05-01", "salary"));
        post(token, account, "s2", tx(-4500, "EUR", "2025-05-03", "groceries"));
        post(token, account, "s3", tx(-1500, "EUR", "2025-05-20", "groceries"));
        post(token, account, "s4", tx(-99, "EUR", "2025-06-01", "groceries"));
        String path = "/api/accounts/" + account + "/summary?month=2025-05";
        ApiClient.await(java.time.Duration.ofSeconds(30), "the read model",
                () -> api.get(path, token).json().get("count").asLong() == 3);
        JsonNode summary = api.get(path, token).json();
        assertEquals(300000, summary.get("incomeMinor").asLong());
        assertEquals(6000, summary.get("expenseMinor").asLong());
        assertEquals(294000, summary.get("netMinor").asLong());
        assertEquals("EUR", summary.get("currency").asText());
        assertEquals(2, summary.get("categories").size());
        assertProblem(api.get("/api/accounts/" + account + "/summary?month=May", token), 400);
    }

    @Test
    void healthAndMetricsAreObservable() {
        String token = newUser();
        String account = createAccount(token, "Main", "EUR");
        post(token, account, "m1", tx(1, "EUR", "2025-01-01", "salary"));
        ApiClient observe = new ApiClient(service.observePort());
        ApiClient.Response onPublicPort = api.get("/observe/health", null);
        assertEquals(404, onPublicPort.status(), "not on the public port");
        assertEquals("application/problem+json", onPublicPort.header("Content-Type"), "a problem like every error");
        ApiClient.await(java.time.Duration.ofSeconds(30), "all health checks UP",
                () -> observe.get("/observe/health", null).status() == 200);
        String health = observe.get("/observe/health", null).body();
        for (String check : List.of("database", "kafka", "rabbitmq", "revocations")) {
            assertTrue(health.contains(check), health);
        }
        String metrics = observe.get("/observe/metrics", null).body();
        for (String meter : List.of("ledger_transactions_posted", "ledger_outbox_backlog",
                "ledger_outbox_oldest_age_seconds", "ledger_readmodel_consumer_lag")) {
            assertTrue(metrics.contains(meter), meter + " in metrics");
        }
        // Per-route RED meters of the generated routing (RouteMetrics): the posting above, by its manifest route id.
        assertTrue(java.util.regex.Pattern.compile("gatewaystack_route_requests_total\\{(?=[^}]*method=\"POST\")"
                        + "(?=[^}]*route_id=\"api-service.postTransaction\")(?=[^}]*status_class=\"2xx\")[^}]*} [1-9]")
                .matcher(metrics).find(), metrics);
        assertTrue(metrics.contains("gatewaystack_route_duration_seconds_bucket{"), metrics);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
