package dev.gatewaystack.support.routing;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.junit.jupiter.api.Test;

import java.lang.invoke.MethodHandles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table src/test/resources/META-INF/gateway/table-test.routing, registered on a real Helidon server. The route
 * processor's own tests (RoutingBehaviourTest) cover tables it writes; this covers the binder's edges.
 */
class GeneratedRoutingTest {
    /** Package-private on purpose: reachable with this package's lookup, as generated code in it could call it. */
    static class Items {
        void byId(ServerResponse res, long id) {
            res.send("id " + (id + 1));
        }

        void byName(String name, ServerRequest req, ServerResponse res) {
            res.send(req.prologue().method().text() + " " + name);
        }

        void fails(ServerResponse res, java.util.UUID id) throws Exception {
            throw new java.io.IOException("checked exceptions reach Helidon's error handling unchanged");
        }
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> get(WebServer server, String method, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void registersTheTableInOrderWithConvertedArguments() throws Exception {
        WebServer server = WebServer.builder().port(0).routing(r -> r.register(rules ->
                GeneratedRouting.register(rules, MethodHandles.lookup(), "table-test", new Items()))).build().start();
        try {
            assertEquals("id 42", get(server, "GET", "/items/41").body());   // the regex route, listed first
            assertEquals("GET abc", get(server, "GET", "/items/abc").body());
            assertEquals("POST 41", get(server, "POST", "/items/41").body()); // byId has no POST: byName answers
            assertEquals(200, get(server, "HEAD", "/items/41").statusCode());
            assertEquals(404, get(server, "DELETE", "/items/abc").statusCode());
            assertEquals(400, get(server, "GET", "/items/99999999999999999999").statusCode()); // too long for a long
            assertEquals(400, get(server, "GET", "/fails/not-a-uuid").statusCode());
            assertEquals(500, get(server, "GET", "/fails/123e4567-e89b-12d3-a456-426614174000").statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void missingHandlerInstanceFailsAtStartWithTheRoute() {
        var e = assertThrows(IllegalStateException.class, () -> GeneratedRouting.register(HttpRouting.builder(),
                MethodHandles.lookup(), "table-test"));
        assertTrue(e.getMessage().contains("no handler instance of " + Items.class.getName()), e.getMessage());
    }

    @Test
    void missingTableSaysToRebuild() {
        var e = assertThrows(IllegalStateException.class, () -> GeneratedRouting.register(HttpRouting.builder(),
                MethodHandles.lookup(), "no-such-service", new Items()));
        assertTrue(e.getMessage().contains("META-INF/gateway/no-such-service.routing is not on the classpath"),
                e.getMessage());
    }
}
