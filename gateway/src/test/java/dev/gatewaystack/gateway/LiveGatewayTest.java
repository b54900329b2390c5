package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import dev.gatewaystack.gateway.run.DevCertificate;
import dev.gatewaystack.gateway.run.LoopbackCheck;
import dev.gatewaystack.gateway.run.NginxBinary;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatewaystack.route.model.ServiceManifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static dev.gatewaystack.gateway.TestNet.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rendered config in a real nginx, in front of JDK HTTP servers standing in for the services. */
class LiveGatewayTest {
    private static final Map<String, com.sun.net.httpserver.Headers> SEEN = new ConcurrentHashMap<>();
    private static Path dir;
    private static HttpServer api;
    private static HttpServer auth;
    private static NginxBinary.Running nginx;
    private static TestHttps client;
    private static int https;
    private static int http;

    @BeforeAll
    static void start() throws Exception {
        NginxBinary binary = NginxCheckTest.nginx();
        api = upstream(LiveGatewayTest::echo);
        auth = upstream(LiveGatewayTest::auth);
        https = freePort();
        http = freePort();
        List<ServiceManifest> manifests = List.of(Fixtures.api(api.getAddress().getPort()),
                Fixtures.auth(auth.getAddress().getPort()), Fixtures.reports(freePort()), Fixtures.profiles(freePort()));
        RoutePlan plan = RoutePlan.of(manifests);
        dir = Files.createTempDirectory("gateway-live");
        DevCertificate cert = DevCertificate.create("localhost", dir.resolve("certs"));
        Files.createDirectories(dir.resolve("html"));
        Files.writeString(dir.resolve("html/hello.txt"), "static hello");
        GatewayTarget target = GatewayTarget.loopback(dir, cert.certificate(), cert.privateKey(), https, http, manifests);
        Path conf = NginxConfigRenderer.write(plan, target, dir.resolve("conf"));
        nginx = binary.start(dir, conf, https, Duration.ofSeconds(15));
        client = new TestHttps(cert.certificate());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (api != null) {
            api.stop(0);
        }
        if (auth != null) {
            auth.stop(0);
        }
        if (dir != null) {
            LoopbackCheck.deleteTree(dir);
        }
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static HttpServer upstream(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            SEEN.put(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders());
            handler.handle(exchange);
        });
        server.start();
        return server;
    }

    private static void echo(HttpExchange exchange) throws IOException {
        respond(exchange, 200, exchange.getRequestMethod() + " " + exchange.getRequestURI());
    }

    /** The verifier: "Bearer good" is alice with role admin; anything else is 401; other roles 403. */
    private static void auth(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/auth/verify")) {
            echo(exchange);
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        if (!"Bearer good".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "");
        } else if (query != null && !query.equals("role=admin")) {
            respond(exchange, 403, "");
        } else {
            exchange.getResponseHeaders().add("X-Auth-User", "alice");
            exchange.getResponseHeaders().add("X-Auth-Roles", "admin");
            respond(exchange, 200, "");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Test
    void proxiesWithRequestIdForwardedHeadersAndNoSpoofedIdentity() throws Exception {
        var r = client.https(https, "GET", "/api/items?q=1", "X-Auth-User: mallory");
        assertEquals(200, r.status(), r::toString);
        assertEquals("GET /api/items?q=1", r.body());
        assertTrue(r.header("X-Request-ID").matches("[0-9a-f]{32}"), r::toString);
        assertEquals("max-age=63072000; includeSubDomains", r.header("Strict-Transport-Security"));
        assertEquals("MISS", r.header("X-Cache-Status"));
        var seen = SEEN.get("GET /api/items");
        assertEquals(r.header("X-Request-ID"), seen.getFirst("X-Request-ID"));
        assertEquals("api.listItems", seen.getFirst("X-Route-ID"));
        assertNull(seen.getFirst("X-Auth-User"), "client-sent X-Auth-User must be dropped");
        assertEquals("https", seen.getFirst("X-Forwarded-Proto"));
        assertEquals("127.0.0.1", seen.getFirst("X-Real-IP"));
    }

    @Test
    void aLocationServingItsRouteInPlaceProxiesTheRawUriAndRefusesOtherMethods() throws Exception {
        // /api/search has one route and nothing else to dispatch: no rewrite, proxy_pass without a URI.
        var r = client.https(https, "GET", "/api/search?q=a%20b&next=%2Fx&q=2", "X-Auth-User: mallory");
        assertEquals(200, r.status(), r::toString);
        assertEquals("GET /api/search?q=a%20b&next=%2Fx&q=2", r.body(), "the client's URI as sent, query included");
        var seen = SEEN.get("GET /api/search");
        assertEquals("api.search", seen.getFirst("X-Route-ID"));
        assertEquals(r.header("X-Request-ID"), seen.getFirst("X-Request-ID"));
        assertNull(seen.getFirst("X-Auth-User"), "client-sent X-Auth-User must be dropped");
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        var refused = client.https(https, "POST", "/api/search", "X-Request-ID: trace-405-inplace");
        assertEquals(405, refused.status(), refused::toString);
        assertEquals("GET, HEAD", refused.header("Allow"));
        assertEquals("application/problem+json", refused.header("Content-Type"));
        assertTrue(refused.body().contains("\"requestId\":\"trace-405-inplace\""), refused.body());
        assertNull(SEEN.get("POST /api/search"), "a refused method never reaches the service");
    }

    @Test
    void keepsAWellFormedClientRequestIdOnly() throws Exception {
        var kept = client.https(https, "GET", "/api/search", "X-Request-ID: client-id_1234.x");
        assertEquals("client-id_1234.x", kept.header("X-Request-ID"));
        assertEquals("client-id_1234.x", SEEN.get("GET /api/search").getFirst("X-Request-ID"));
        var replaced = client.https(https, "GET", "/api/search", "X-Request-ID: bad id<script>");
        assertTrue(replaced.header("X-Request-ID").matches("[0-9a-f]{32}"), replaced::toString);
    }

    @Test
    void rejectsPathsNginxWouldNormalizeDifferentlyFromTheService() throws Exception {
        for (String path : List.of("/api/items/../internal/stats", "/api/./items", "/api/%2e%2e/internal/stats",
                "/api/items%2F1", "/api/items%5c1", "/api//items", "/internal/stats/..")) {
            var r = client.https(https, "GET", path);
            assertEquals(400, r.status(), path + " -> " + r);
            assertEquals("application/problem+json", r.header("Content-Type"));
            assertTrue(r.body().contains("\"status\":400"), r.body());
        }
        assertEquals(200, client.https(https, "GET", "/api/items?next=/a/../b%2F").status(), "the query is free");
    }

    @Test
    void unclaimedMethodsAre405WithAllowAndProblemJson() throws Exception {
        var r = client.https(https, "DELETE", "/api/items", "X-Request-ID: trace-405-abc");
        assertEquals(405, r.status(), r::toString);
        assertEquals("GET, HEAD, POST, OPTIONS", r.header("Allow"));
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertTrue(r.body().contains("\"requestId\":\"trace-405-abc\""), r.body());
        assertEquals("trace-405-abc", r.header("X-Request-ID"));
    }

    @Test
    void methodFallbackReachesTheCoveringRoute() throws Exception {
        var r = client.https(https, "POST", "/api/items/42");
        assertEquals(200, r.status(), r::toString);
        assertEquals("POST /api/items/42", r.body());
        assertEquals(405, client.https(https, "GET", "/api/items/abc").status());
    }

    @Test
    void internalRoutesAndRouteLocationsAreNotReachable() throws Exception {
        for (String path : List.of("/internal/stats", "/auth/verify", "/__route/api.listItems",
                "/__edge_auth/any")) {
            var r = client.https(https, "GET", path);
            assertEquals(404, r.status(), path + " -> " + r);
            assertEquals("application/problem+json", r.header("Content-Type"), path);
        }
        assertEquals(404, client.https(https, "DELETE", "/api/items/42").status(), "internal DELETE route");
    }

    @Test
    void edgeAuthAsksTheVerifierAndPassesTheUser() throws Exception {
        var anonymous = client.https(https, "GET", "/auth/me");
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertEquals("application/problem+json", anonymous.header("Content-Type"));
        var r = client.https(https, "GET", "/auth/me", "Authorization: Bearer good", "X-Auth-User: mallory");
        assertEquals(200, r.status(), r::toString);
        assertEquals("alice", SEEN.get("GET /auth/me").getFirst("X-Auth-User"));
        assertEquals("GET", SEEN.get("GET /auth/verify").getFirst("X-Original-Method"));
        assertEquals("/auth/me", SEEN.get("GET /auth/verify").getFirst("X-Original-URI"));
        assertEquals(200, client.https(https, "PUT", "/api/items/7", "Authorization: Bearer good").status());
        assertEquals(403, client.https(https, "GET", "/profile", "Authorization: Bearer good").status(),
                "role user is not granted");
    }

    @Test
    void corsPreflightAndOrigins() throws Exception {
        var pre = client.https(https, "OPTIONS", "/api/items", "Origin: https://app.example.com",
                "Access-Control-Request-Method: POST");
        assertEquals(204, pre.status(), pre::toString);
        assertEquals("https://app.example.com", pre.header("Access-Control-Allow-Origin"));
        assertEquals("GET, HEAD, POST", pre.header("Access-Control-Allow-Methods"));
        assertEquals("600", pre.header("Access-Control-Max-Age"));
        assertEquals("true", pre.header("Access-Control-Allow-Credentials"));
        var evil = client.https(https, "GET", "/api/items", "Origin: https://evil.example");
        assertNull(evil.header("Access-Control-Allow-Origin"), evil::toString);
        var any = client.https(https, "GET", "/api/events", "Origin: https://whoever.example");
        assertEquals("*", any.header("Access-Control-Allow-Origin"));
    }

    @Test
    void healthStaticFilesAndRedirect() throws Exception {
        var health = client.https(https, "GET", "/__gateway/health");
        assertEquals(200, health.status());
        assertTrue(health.body().contains("UP"));
        assertEquals("static hello", client.https(https, "GET", "/hello.txt").body());
        var redirect = TestHttps.http(http, "GET", "/api/items?x=1");
        assertEquals(301, redirect.status());
        assertEquals("https://localhost:" + https + "/api/items?x=1", redirect.header("Location"));
        var forged = TestHttps.rawHttp(http, ("GET /login HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("https://localhost:" + https + "/login", forged.header("Location"),
                "the configured public origin, never the client's Host");
        assertNotEquals(null, Files.readString(dir.resolve("access.log")));
        assertTrue(Files.readString(dir.resolve("access.log")).contains("\"route_id\":\"api.listItems\""),
                "JSON access log names the route");
    }
}
