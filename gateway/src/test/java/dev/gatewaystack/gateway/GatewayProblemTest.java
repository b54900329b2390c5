package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import dev.gatewaystack.gateway.run.DevCertificate;
import dev.gatewaystack.gateway.run.LoopbackCheck;
import dev.gatewaystack.gateway.run.NginxBinary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.Discovery;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.TimeoutSpec;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static dev.gatewaystack.gateway.TestNet.freePort;
import static dev.gatewaystack.gateway.RouteBuilder.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every answer the gateway makes itself, including the errors nginx raises while still reading the request, is an
 * RFC 9457 problem with the request id and the security headers: raw bytes over TLS (HTTP/1.1) and, through curl,
 * HTTP/2 with arbitrary {@code :path} values, against the real nginx with the rendered config.
 */
class GatewayProblemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance", "requestId");
    private static Path dir;
    private static HttpServer upstream;
    private static NginxBinary.Running nginx;
    private static TestHttps client;
    private static int https;
    private static int http;

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/auth/verify")) {
                exchange.sendResponseHeaders(401, -1); // the verifier: nobody is signed in
                exchange.close();
                return;
            }
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        upstream.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        upstream.start();
        int port = upstream.getAddress().getPort();
        ServiceManifest slow = ServiceManifest.of("slow-service", new dev.gatewaystack.route.model.UpstreamSpec(port,
                Balancing.ROUND_ROBIN, HashKey.CLIENT_IP, 0, 1, "1s", Discovery.DNS), List.of(
                route("slow.get", "com.example.slow.SlowHandler#get", "/slow")
                        .timeouts(new TimeoutSpec("1s", "1s", "1s")).build()));
        List<ServiceManifest> manifests = List.of(Fixtures.api(port), Fixtures.auth(port),
                Fixtures.reports(freePort()), slow);
        https = freePort();
        http = freePort();
        dir = Files.createTempDirectory("gateway-problems");
        DevCertificate cert = DevCertificate.create("localhost", dir.resolve("certs"));
        Files.createDirectories(dir.resolve("html/assets"));
        Files.writeString(dir.resolve("html/assets/app.js"), "console.log('app');"); // for 405 and 412
        GatewayTarget target = GatewayTarget.loopback(dir, cert.certificate(), cert.privateKey(), https, http, manifests);
        Path conf = NginxConfigRenderer.write(RoutePlan.of(manifests), target, dir.resolve("conf"));
        nginx = NginxCheckTest.nginx().start(dir, conf, https, Duration.ofSeconds(15));
        client = new TestHttps(cert.certificate());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
        if (dir != null) {
            LoopbackCheck.deleteTree(dir);
        }
    }

    private static byte[] bytes(String request) {
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String get(String target, String... headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + String.join("", headers) + "\r\n";
    }

    /** Raw HTTP/1.1 requests nginx refuses while reading them, or on the path guard, and what each must get. */
    private static Map<String, Integer> rawCases() {
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("GET /a b c HTTP/1.1\r\nHost: localhost\r\n\r\n", 400);
        cases.put(get("/api/items\0x"), 400);
        cases.put(get("/api/%zz"), 400);
        cases.put(get("/api/items%2"), 400);
        cases.put(get("/api/items%00"), 400);
        cases.put(get("/api/items%0a"), 400);
        cases.put(get("/api/items/..;/items"), 400);
        cases.put(get("/api/items;jsessionid=1"), 400);
        cases.put(get("/api/%2e%2e/items"), 400);
        cases.put(get("/api/items\\1"), 400);
        cases.put(get("/api/it\u00e9ms"), 400);
        cases.put(get("/../api/items"), 400);
        cases.put(get("/" + "a".repeat(10_000)), 414);
        cases.put(get("/api/items?q=" + "a".repeat(10_000)), 414);
        cases.put(get("/api/items", "X-Big: " + "b".repeat(20_000) + "\r\n"), 431);
        cases.put(get("/api/items", "Cookie: " + "c".repeat(20_000) + "\r\n"), 431);
        cases.put("GET /api/items HTTP/1.1\r\nConnection: close\r\n\r\n", 400);
        cases.put(get("/api/items", "Bad Header\r\n"), 400);
        cases.put(get("/api/items", "Host: other\r\n"), 400);
        cases.put("GET /api/items HTTP/2.0\r\nHost: localhost\r\n\r\n", 505);
        cases.put("POST /api/items HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n", 501);
        cases.put("POST /auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 100000\r\n\r\n", 413);
        cases.put("DELETE /api/items HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 405);
        cases.put(get("/api/nothing-here"), 404);
        cases.put(get("/assets/app.js", "If-Match: \"not-the-etag\"\r\n"), 412);
        cases.put(get("/assets/app.js", "If-Unmodified-Since: Thu, 01 Jan 1970 00:00:01 GMT\r\n"), 412);
        cases.put("POST /assets/app.js HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 405);
        cases.put(get("/__problem/400"), 404);
        cases.put(get("/__route/api.listItems"), 404);
        cases.put(get("/auth/me"), 401);
        cases.put(get("/reports/2024"), 502);
        cases.put(get("/slow"), 504);
        return cases;
    }

    @Test
    void http1ErrorsAreProblemsWithTheRequestIdAndSecurityHeaders() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Integer> c : rawCases().entrySet()) {
            String shown = shorten(c.getKey());
            try {
                TestHttps.Response r = client.raw(https, bytes(c.getKey()));
                check(shown, c.getValue(), r.status(), r::header, r.body(), failures);
            } catch (Exception e) {
                failures.add(shown + ": " + e);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void rateLimitedAnswerIsAProblemWithRetryAfter() throws Exception {
        String login = "POST /auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        client.raw(https, bytes(login));
        TestHttps.Response r = client.raw(https, bytes(login));
        List<String> failures = new ArrayList<>();
        check("second login", 429, r.status(), r::header, r.body(), failures);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals("1", r.header("Retry-After"));
    }

    @Test
    void methodNotAllowedKeepsTheAllowListOnTheErrorPage() throws Exception {
        TestHttps.Response r = client.raw(https, bytes(
                "DELETE /api/items HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Request-ID: trace-405-xyz1\r\n\r\n"));
        assertEquals(405, r.status(), r::toString);
        assertEquals("GET, HEAD, POST, OPTIONS", r.header("Allow"));
        JsonNode body = JSON.readTree(r.body());
        assertEquals("trace-405-xyz1", body.get("requestId").asText());
        assertEquals("/api/items", body.get("instance").asText());
    }

    @Test
    void plainHttpOnTheTlsPortIsABadRequestProblem() throws Exception {
        TestHttps.Response r = TestHttps.rawHttp(https, bytes(get("/api/items")));
        List<String> failures = new ArrayList<>();
        check("plain HTTP to the TLS port", 400, r.status(), r::header, r.body(), failures);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void http2ErrorsAreProblems() throws Exception {
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("http://other.example/api/items", 400);
        cases.put("/api/items%00", 400);
        cases.put("/api/%zz", 400);
        cases.put("/api/items/..;/items", 400);
        cases.put("/api/items%2F1", 400);
        cases.put("/api/nothing-here", 404);
        cases.put("/auth/me", 401);
        cases.put("/reports/2024", 502);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            String shown = "HTTP/2 " + shorten(c.getKey());
            H2 r = curlHttp2(c.getKey());
            if (!r.version.equals("HTTP/2")) {
                failures.add(shown + ": answered over " + r.version);
            }
            check(shown, c.getValue(), r.status, r.headers::get, r.body, failures);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private interface Headers {
        String get(String name);
    }

    private static void check(String shown, int status, int actualStatus, Headers headers, String body,
                              List<String> failures) {
        String problem = shown + " -> " + actualStatus + " " + headers.get("Content-Type") + " " + body;
        if (actualStatus != status) {
            failures.add(problem + " (expected " + status + ")");
            return;
        }
        if (!"application/problem+json".equals(headers.get("Content-Type"))) {
            failures.add(problem + " (not a problem)");
            return;
        }
        try {
            JsonNode json = JSON.readTree(body);
            Set<String> members = new TreeSet<>();
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                members.add(it.next());
            }
            if (!members.equals(MEMBERS) || json.get("status").asInt() != status
                    || json.get("title").asText().isEmpty()) {
                failures.add(problem + " (members or status wrong)");
            }
            String id = headers.get("X-Request-ID");
            if (id == null || !id.equals(json.get("requestId").asText()) || id.isEmpty()) {
                failures.add(problem + " (X-Request-ID " + id + " is not the body's requestId)");
            }
        } catch (IOException e) {
            failures.add(problem + " (not JSON: " + e.getMessage() + ")");
        }
        if (!"max-age=63072000; includeSubDomains".equals(headers.get("Strict-Transport-Security"))
                || !"nosniff".equals(headers.get("X-Content-Type-Options"))) {
            failures.add(problem + " (security headers missing)");
        }
    }

    private static String shorten(String request) {
        String line = request.lines().findFirst().orElse("");
        return (line.length() > 80 ? line.substring(0, 80) + "...(" + line.length() + ")" : line)
                .replace("\0", "\\0");
    }

    private record H2(String version, int status, Map<String, String> headers, String body) {
    }

    /** curl (built with nghttp2) sends {@code target} as the HTTP/2 :path without touching it. */
    private static H2 curlHttp2(String target) throws Exception {
        Process p = new ProcessBuilder("curl", "-sk", "--http2", "--max-time", "10", "--request-target", target,
                "-D", "-", "https://127.0.0.1:" + https + "/").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("curl --http2 failed (exit " + p.exitValue() + "; install curl with HTTP/2 support): " + out);
        }
        int end = out.indexOf("\r\n\r\n");
        String[] lines = out.substring(0, end).split("\r\n");
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String[] status = lines[0].split(" ");
        return new H2(status[0], Integer.parseInt(status[1]), headers, out.substring(end + 4));
    }
}
