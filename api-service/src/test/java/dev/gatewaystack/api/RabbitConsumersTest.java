package dev.gatewaystack.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.gatewaystack.api.messaging.RabbitSettings;
import dev.gatewaystack.api.support.ApiClient;
import dev.gatewaystack.api.support.ApiClient.Response;
import dev.gatewaystack.api.support.Closer;
import dev.gatewaystack.api.support.TestApp;
import dev.gatewaystack.api.support.TestDatabase;
import dev.gatewaystack.api.support.TestJwks;
import dev.gatewaystack.api.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RabbitMQ: auth-service's user.registered creates the default account once; poison goes to the DLQ; exports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RabbitConsumersTest {
    private TestDatabase db;
    private TestJwks jwks;
    private TestApp app;
    private ApiService service;
    private ApiClient api;
    private Connection rabbit;
    private Channel channel;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        jwks = new TestJwks();
        app = new TestApp(db, jwks);
        service = app.start("replica-a");
        api = new ApiClient(service.port());
        rabbit = connect();
        channel = rabbit.createChannel();
        ApiClient.await(Duration.ofSeconds(60), "the service's queues", () -> queueExists(app.userEventsQueue())
                && queueExists(app.exportQueue()));
    }

    @AfterAll
    void stop() throws Exception {
        Closer.closeAll(rabbit, service, app, jwks, db);
    }

    /** The broker is shared with other test runs on this machine, which may be restarting it: retry for a while. */
    private static Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(TestServers.rabbitUri());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return factory.newConnection();
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("RabbitMQ at TEST_RABBITMQ_URI refused connections for 60 s", e);
                }
                Thread.sleep(1000);
            }
        }
    }

    private boolean queueExists(String queue) {
        try (Channel probe = rabbit.createChannel()) {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Publishes as auth-service does (shared contract). */
    private void publishUserRegistered(String eventId, String body) throws Exception {
        channel.basicPublish("auth.events", "user.registered", new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).messageId(eventId).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String userRegistered(String eventId, String userId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"user.registered\",\"occurredAt\":\"" + Instant.now()
                + "\",\"userId\":\"" + userId + "\",\"email\":\"someone@example.com\",\"roles\":[\"user\"]}";
    }

    @Test
    void userRegisteredCreatesTheDefaultAccountOnce() throws Exception {
        String userId = UUID.randomUUID().toString();
        String token = jwks.token(userId);
        String eventId = UUID.randomUUID().toString();
        publishUserRegistered(eventId, userRegistered(eventId, userId));
        ApiClient.await(Duration.ofSeconds(20), "the default account",
                () -> api.get("/api/accounts", token).json().get("items").size() == 1);
        // Redelivery of the same event, and a second event for the same user, change nothing.
        publishUserRegistered(eventId, userRegistered(eventId, userId));
        String second = UUID.randomUUID().toString();
        publishUserRegistered(second, userRegistered(second, userId));
        ApiClient.await(Duration.ofSeconds(20), "the queue to drain", () -> messages(app.userEventsQueue()) == 0);
        Thread.sleep(500);
        JsonNode accounts = api.get("/api/accounts", token).json().get("items");
        assertEquals(1, accounts.size(), accounts::toString);
        assertTrue(accounts.get(0).get("isDefault").asBoolean());
        assertEquals("EUR", accounts.get(0).get("currency").asText());
    }

    @Test
    void poisonMessageLandsInTheDeadLetterQueue() throws Exception {
        String dlq = RabbitSettings.deadLetterQueue(app.userEventsQueue());
        channel.queuePurge(dlq);
        String poisonId = UUID.randomUUID().toString();
        publishUserRegistered(poisonId, "{\"eventId\":\"" + poisonId + "\",\"type\":\"user.registered\","
                + "\"userId\":\"not-a-uuid\"}");
        GetResponse dead = awaitMessage(dlq);
        assertEquals(poisonId, dead.getProps().getMessageId());
        assertTrue(new String(dead.getBody(), StandardCharsets.UTF_8).contains("not-a-uuid"));
        channel.basicAck(dead.getEnvelope().getDeliveryTag(), false);

        // The consumer keeps going after the poison message.
        String userId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        publishUserRegistered(eventId, userRegistered(eventId, userId));
        ApiClient.await(Duration.ofSeconds(20), "the default account after the poison message",
                () -> api.get("/api/accounts", jwks.token(userId)).json().get("items").size() == 1);
    }

    @Test
    void statementExportIsBuiltInTheBackgroundAndDownloadable() {
        String token = jwks.token(UUID.randomUUID().toString());
        Response created = api.post("/api/accounts", token, "{\"name\":\"Main\",\"currency\":\"EUR\"}");
        String account = created.json().get("id").asText();
        String[][] rows = {
                {"-1250", "2025-08-03", "groceries", "Market, \"organic\""},
                {"250000", "2025-08-01", "salary", "Salary August"},
                {"-999", "2025-09-01", "dining", "Not in August"},
                {"-1", "2025-08-31", "fees", "=HYPERLINK(\"x\")"}};
        for (String[] r : rows) {
            String body = "{\"amountMinor\":" + r[0] + ",\"currency\":\"EUR\",\"bookingDate\":\"" + r[1]
                    + "\",\"category\":\"" + r[2] + "\",\"description\":\"" + r[3].replace("\"", "\\\"") + "\"}";
            assertEquals(201, api.post("/api/accounts/" + account + "/transactions", token, body,
                    "Idempotency-Key", UUID.randomUUID().toString()).status());
        }
        Response queued = api.post("/api/accounts/" + account + "/statements", token, "{\"month\":\"2025-08\"}");
        assertEquals(202, queued.status(), queued::toString);
        String location = queued.header("Location");
        assertNotNull(location);
        ApiClient.await(Duration.ofSeconds(20), "the export",
                () -> "READY".equals(api.get(location, token).json().get("status").asText()));

        Response csv = api.get(location + "/csv", token);
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals(4, lines.length, csv::body);
        assertEquals("booking_date,transaction_id,category,description,amount,currency,amount_minor", lines[0]);
        assertTrue(lines[1].startsWith("2025-08-01,") && lines[1].endsWith(",salary,Salary August,2500.00,EUR,250000"),
                lines[1]);
        assertTrue(lines[2].endsWith(",groceries,\"Market, \"\"organic\"\"\",-12.50,EUR,-1250"), lines[2]);
        assertTrue(lines[3].contains(",fees,\"'=HYPERLINK(\"\"x\"\")\",-0.01,EUR,-1"), lines[3]);

        // Another user sees neither the job nor the file.
        String other = jwks.token(UUID.randomUUID().toString());
        assertEquals(404, api.get(location, other).status());
        assertEquals(404, api.get(location + "/csv", other).status());
        assertEquals(400, api.post("/api/accounts/" + account + "/statements", token, "{\"month\":\"August\"}")
                .status());
    }

    private long messages(String queue) {
        try (Channel probe = rabbit.createChannel()) {
            AMQP.Queue.DeclareOk ok = probe.queueDeclarePassive(queue);
            return ok.getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private GetResponse awaitMessage(String queue) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            GetResponse r = channel.basicGet(queue, false);
            if (r != null) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing arrived in " + queue);
    }
}
