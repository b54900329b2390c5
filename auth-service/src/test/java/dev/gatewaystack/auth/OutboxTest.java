package dev.gatewaystack.auth;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** user.registered reaches RabbitMQ through the outbox exactly once, also across a broker outage. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxTest {
    private RunningAuth auth;
    private final String queue = "auth-test-" + UUID.randomUUID();

    @BeforeAll
    void start() throws Exception {
        auth = RunningAuth.start();
        // A durable test queue bound to the exchange survives the broker's stop_app/start_app.
        withChannel(ch -> {
            ch.exchangeDeclare("auth.events", "topic", true);
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, "auth.events", "user.registered");
        });
    }

    @AfterAll
    void stop() throws Exception {
        try {
            withChannel(ch -> ch.queueDelete(queue));
        } finally {
            auth.close();
        }
    }

    @Test
    void aRegistrationPublishesOnePersistentMessage() throws Exception {
        String email = OAuthFlow.uniqueEmail("event-");
        String userId = OAuthFlow.register(auth, email, "correct horse battery");
        List<GetResponse> messages = messagesFor(userId, Duration.ofSeconds(10));
        assertEquals(1, messages.size());
        GetResponse m = messages.getFirst();
        assertEquals("application/json", m.getProps().getContentType());
        assertEquals(2, m.getProps().getDeliveryMode());
        JsonObject body = OAuthFlow.json(new String(m.getBody(), StandardCharsets.UTF_8));
        assertEquals(m.getProps().getMessageId(), body.getString("eventId"));
        assertEquals("user.registered", body.getString("type"));
        assertEquals(email, body.getString("email"));
        assertEquals("user", body.getJsonArray("roles").getString(0));
        Instant.parse(body.getString("occurredAt"));
    }

    @Test
    void aRegistrationDuringABrokerOutageIsPublishedOnceWhenTheBrokerIsBack() throws Exception {
        String userId;
        ctl("stop");
        try {
            long started = System.nanoTime();
            userId = OAuthFlow.register(auth, "outage-" + UUID.randomUUID().toString().substring(0, 8)
                    + "@example.com", "correct horse battery");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(millis < 3000, "registration must not wait on the broker; took " + millis + " ms");
            Thread.sleep(1500); // the relay tries (and fails) a few times meanwhile
        } finally {
            ctl("start");
        }
        List<GetResponse> messages = messagesFor(userId, Duration.ofSeconds(30));
        assertEquals(1, messages.size(), "exactly one user.registered for the user");
    }

    /** Drains the queue until a message for the user arrives, then a little longer to catch duplicates. */
    private List<GetResponse> messagesFor(String userId, Duration timeout) throws Exception {
        List<GetResponse> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        Instant settle = null;
        while (Instant.now().isBefore(settle == null ? deadline : settle)) {
            try {
                withChannel(ch -> {
                    GetResponse r;
                    while ((r = ch.basicGet(queue, true)) != null) {
                        String body = new String(r.getBody(), StandardCharsets.UTF_8);
                        if (OAuthFlow.json(body).getString("userId").equals(userId)) {
                            found.add(r);
                        }
                    }
                });
            } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
                // broker still starting
            }
            if (!found.isEmpty() && settle == null) {
                settle = Instant.now().plusSeconds(2);
            }
            Thread.sleep(200);
        }
        return found;
    }

    private static void ctl(String action) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", TestServers.rabbitCtl() + " " + action).inheritIO().start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "broker " + action + " timed out");
        assertEquals(0, p.exitValue(), "broker " + action + " failed");
    }

    private interface ChannelWork {
        void run(Channel ch) throws Exception;
    }

    private static void withChannel(ChannelWork work) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(TestServers.rabbitUri());
        f.setAutomaticRecoveryEnabled(false);
        try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            work.run(ch);
        }
    }
}
