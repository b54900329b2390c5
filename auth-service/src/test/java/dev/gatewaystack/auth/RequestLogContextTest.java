package dev.gatewaystack.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gatewaystack.support.RequestLogContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real auth-service: every log line written while a request runs carries its request id and route id (the
 * headers the gateway sets), and the user id once the caller is authenticated; nothing carries over to the next
 * request. The per-request DEBUG line of {@link RequestLogContext} is the line observed.
 */
class RequestLogContextTest {
    private static RunningAuth auth;
    private static final Logger REQUEST_LOG = (Logger) LoggerFactory.getLogger(RequestLogContext.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeAll
    static void start() {
        auth = RunningAuth.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
        REQUEST_LOG.setLevel(null);
    }

    @BeforeEach
    void capture() {
        REQUEST_LOG.setLevel(Level.DEBUG);
        REQUEST_LOG.detachAppender("capture");
        lines.setName("capture");
        lines.start();
        REQUEST_LOG.addAppender(lines);
    }

    @Test
    void linesOfAnAuthenticatedRequestCarryRequestRouteAndUser() {
        HttpResponse<String> r = Http.postForm(auth.url("/oauth2/token"), Map.of("grant_type", "client_credentials"),
                "Authorization", RunningAuth.SERVICE_BASIC, "X-Request-ID", "gateway-req-0001",
                "X-Route-ID", "auth.token");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("gateway-req-0001", r.headers().firstValue("X-Request-ID").orElse(null));

        Map<String, String> mdc = onlyLine("POST /oauth2/token answered 200").getMDCPropertyMap();
        assertEquals("gateway-req-0001", mdc.get(RequestLogContext.REQUEST_ID));
        assertEquals("auth.token", mdc.get(RequestLogContext.ROUTE_ID));
        assertEquals(RunningAuth.SERVICE_CLIENT, mdc.get(RequestLogContext.USER_ID));

        // The next request (same client, likely the same kept-alive connection and thread) starts clean.
        HttpResponse<String> status = Http.get(auth.url("/auth/status"));
        assertEquals(200, status.statusCode());
        String generated = status.headers().firstValue("X-Request-ID").orElseThrow();
        assertTrue(generated.matches("[0-9a-f]{32}"), generated);
        Map<String, String> next = onlyLine("GET /auth/status answered 200").getMDCPropertyMap();
        assertEquals(generated, next.get(RequestLogContext.REQUEST_ID));
        assertNull(next.get(RequestLogContext.ROUTE_ID));
        assertNull(next.get(RequestLogContext.USER_ID));
    }

    @Test
    void aMalformedRequestIdIsReplacedNotLogged() {
        HttpResponse<String> r = Http.get(auth.url("/auth/status"), "X-Request-ID", "bad id\"}", "X-Route-ID",
                "auth.status");
        String id = r.headers().firstValue("X-Request-ID").orElseThrow();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        Map<String, String> mdc = onlyLine("GET /auth/status answered 200").getMDCPropertyMap();
        assertEquals(id, mdc.get(RequestLogContext.REQUEST_ID));
        assertEquals("auth.status", mdc.get(RequestLogContext.ROUTE_ID));
    }

    @Test
    void aRefusedTokenLeavesNoUser() {
        HttpResponse<String> r = Http.get(auth.url("/oauth2/userinfo"), "Authorization", "Bearer not.a.token",
                "X-Request-ID", "gateway-req-0002");
        assertEquals(401, r.statusCode(), r.body());
        Map<String, String> mdc = onlyLine("GET /oauth2/userinfo answered 401").getMDCPropertyMap();
        assertEquals("gateway-req-0002", mdc.get(RequestLogContext.REQUEST_ID));
        assertNull(mdc.get(RequestLogContext.USER_ID));
    }

    private ILoggingEvent onlyLine(String prefix) {
        // The line is written after the response is sent; give the server thread a moment.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (lines) { // the appender's own lock: server threads append under it
                var matching = lines.list.stream().filter(e -> e.getFormattedMessage().startsWith(prefix)).toList();
                if (!matching.isEmpty()) {
                    assertEquals(1, matching.size(), matching::toString);
                    lines.list.clear();
                    return matching.getFirst();
                }
            }
            sleep();
        }
        throw new AssertionError("no log line '" + prefix + "...' in " + lines.list);
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
