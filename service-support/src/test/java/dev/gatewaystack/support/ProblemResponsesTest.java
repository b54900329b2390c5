package dev.gatewaystack.support;

import dev.gatewaystack.support.fuzz.FuzzCase;
import dev.gatewaystack.support.fuzz.RawHttp;
import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.StringReader;
import java.net.URI;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one problem shape, from a handler's problem, an unexpected exception and Helidon's own early refusals (the
 * DirectHandlers), on a real Helidon server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemResponsesTest {
    private WebServer server;
    private RawHttp http;

    @BeforeAll
    void start() {
        server = WebServer.builder()
                .port(0)
                .host("127.0.0.1")
                .directHandlers(ProblemResponses.directHandlers())
                .routing(r -> {
                    r.addFilter(new RequestLogContext());
                    ProblemResponses.register(r);
                    r.get("/invalid", (req, res) -> {
                        throw Problem.invalid(Map.of("month", "must be yyyy-MM"));
                    });
                    r.get("/bug", (req, res) -> {
                        throw new IllegalStateException("secret internals");
                    });
                    r.get("/ok", (req, res) -> res.send(req.query().get("q")));
                    // What the DbClient throws while PostgreSQL restarts: the pool's timeout, the server's shutdown.
                    r.get("/db-pool-timeout", (req, res) -> {
                        throw new IllegalStateException("query failed", new java.sql.SQLTransientConnectionException(
                                "HikariPool-1 - Connection is not available, request timed out after 5000ms."));
                    });
                    r.get("/db-shutdown", (req, res) -> {
                        throw new IllegalStateException("query failed", new java.sql.SQLException(
                                "FATAL: terminating connection due to administrator command", "57P01"));
                    });
                    r.get("/db-constraint", (req, res) -> {
                        throw new IllegalStateException("query failed", new java.sql.SQLException("dup", "23505"));
                    });
                })
                .build()
                .start();
        http = new RawHttp(URI.create("http://127.0.0.1:" + server.port()), 5000);
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private RawHttp.Response get(String target, Map<String, String> headers) {
        return http.send(new FuzzCase("test", "test", "GET", target, headers, null, false));
    }

    /** A problem+json answer with {@code status}, or any 4xx when {@code status} is 0. */
    private static JsonObject problem(RawHttp.Response r, int status) {
        if (status == 0) {
            assertTrue(r.status() >= 400 && r.status() < 500, r.status() + " " + r.bodyText());
            status = r.status();
        }
        assertEquals(status, r.status(), r.bodyText());
        assertTrue(r.header("content-type").startsWith("application/problem+json"), r.headers().toString());
        JsonObject body = Json.createReader(new StringReader(r.bodyText())).readObject();
        assertEquals(status, body.getInt("status"));
        assertEquals("about:blank", body.getString("type"));
        return body;
    }

    @Test
    void aHandlersProblemHasTheOneShapeWithFieldsAndRequestId() {
        JsonObject body = problem(get("/invalid", Map.of("X-Request-ID", "req-12345678")), 400);
        assertEquals(Set.of("type", "title", "status", "detail", "instance", "requestId", "errors"), body.keySet());
        assertEquals("must be yyyy-MM", body.getJsonObject("errors").getString("month"));
        assertEquals("/invalid", body.getString("instance"));
        assertEquals("req-12345678", body.getString("requestId"));
    }

    /** Found by scripts/chaos.sh postgres-restart: a request during the restart answered 500, now a 503 to retry. */
    @Test
    void anUnreachableDatabaseIsA503ToRetryNotA500() {
        for (String path : new String[] {"/db-pool-timeout", "/db-shutdown"}) {
            RawHttp.Response r = get(path, Map.of());
            JsonObject body = problem(r, 503);
            assertEquals("2", r.header("retry-after"), path);
            assertFalse(r.bodyText().contains("Hikari") || r.bodyText().contains("FATAL"), r.bodyText());
            assertFalse(body.getString("detail").contains("incident"), path);
        }
        problem(get("/db-constraint", Map.of()), 500); // any other database error is still a bug
    }

    @Test
    void anUnexpectedFailureIsA500WithoutInternals() {
        RawHttp.Response r = get("/bug", Map.of());
        JsonObject body = problem(r, 500);
        assertFalse(r.bodyText().contains("secret"), r.bodyText());
        assertTrue(body.getString("detail").contains("incident"));
        assertFalse(body.containsKey("errors"));
    }

    @Test
    void helidonsEarlyRefusalsAreProblemsToo() {
        problem(get("/ok?q=%zz", Map.of()), 400);
        problem(get("/ok\u0000x", Map.of()), 400);
        problem(get("/ok", Map.of("Bad Header", "x")), 400);
        problem(get("/ok", Map.of("X-Big", "a".repeat(64 * 1024))), 0);
        problem(http.send(new FuzzCase("test", "test", "G\u0001T", "/ok", Map.of(), null, false)), 0);
        problem(get("/nowhere", Map.of()), 404);
    }
}
