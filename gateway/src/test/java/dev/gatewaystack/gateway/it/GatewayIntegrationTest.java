package dev.gatewaystack.gateway.it;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import dev.gatewaystack.gateway.run.DevCertificate;
import dev.gatewaystack.gateway.run.NginxBinary;
import dev.gatewaystack.gateway.it.echo.EchoHandler;
import dev.gatewaystack.gateway.it.echo.EchoServiceRoutes;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.ServiceManifest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

import static dev.gatewaystack.gateway.TestNet.freePort;
import static dev.gatewaystack.gateway.TestNet.trusting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole chain on real servers: handlers annotated in this module are compiled by the route processor into
 * {@link EchoServiceRoutes} and a manifest; the gateway renders nginx config from that manifest; a real nginx
 * (Debian's) serves HTTPS on loopback in front of two real Helidon replicas.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIntegrationTest {
    private static final String SERVICE = "echo-service";

    @TempDir
    static Path dir;

    private static WebServer replicaA;
    private static WebServer replicaB;
    private static NginxBinary.Running nginx;
    private static HttpClient http2;
    private static HttpClient http1;
    private static String base;
    private static RoutePlan plan;

    @BeforeAll
    static void start() throws Exception {
        NginxBinary binary = NginxBinary.require();
        replicaA = replica("a");
        replicaB = replica("b");

        ServiceManifest echo = ManifestFiles.loadAll(GatewayIntegrationTest.class.getClassLoader()).stream()
                .filter(m -> m.service().equals(SERVICE)).findFirst()
                .orElseThrow(() -> new AssertionError("the route processor wrote no manifest for " + SERVICE));
        plan = RoutePlan.of(List.of(echo));

        DevCertificate cert = DevCertificate.create("localhost", dir.resolve("certs"));
        Files.createDirectories(dir.resolve("html"));
        int httpsPort = freePort();
        GatewayTarget target = GatewayTarget.loopback(dir, cert.certificate(), cert.privateKey(), httpsPort, freePort(), List.of(echo))
                .withServers(SERVICE, List.of("127.0.0.1:" + replicaA.port(), "127.0.0.1:" + replicaB.port()));
        Path conf = NginxConfigRenderer.write(plan, target, dir.resolve("conf"));

        NginxBinary.Result check = binary.test(dir, conf);
        assertTrue(check.ok(), "nginx -t rejected the generated config:\n" + check.output()
                + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
        nginx = binary.start(dir, conf, httpsPort, Duration.ofSeconds(15));

        SSLContext tls = trusting(cert.certificate());
        http2 = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_2).build();
        http1 = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
        base = "https://localhost:" + httpsPort;
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        for (WebServer server : new WebServer[] {replicaA, replicaB}) {
            if (server != null && server.isRunning()) {
                server.stop();
            }
        }
    }

    @Test
    @Order(1)
    void routesByPathAndMethod() throws Exception {
        HttpResponse<String> get = send(http2, "GET", "/echo/hello", null);
        assertEquals(200, get.statusCode());
        assertTrue(get.body().startsWith("hello from "), get.body());
        assertEquals(HttpClient.Version.HTTP_2, get.version(), "the gateway speaks HTTP/2 over TLS");

        HttpResponse<String> post = send(http2, "POST", "/echo/hello", "");
        assertEquals(200, post.statusCode());
        assertTrue(post.body().startsWith("posted to "), post.body());

        assertEquals("item 42", send(http2, "GET", "/echo/items/42", null).body());
        assertEquals(404, send(http2, "GET", "/echo/items/abc", null).statusCode(), "the {id:[0-9]+} regex holds at the edge");
        assertEquals("file /echo/files/a/b.txt", send(http2, "GET", "/echo/files/a/b.txt", null).body());
        assertEquals(404, send(http2, "GET", "/echo/undeclared", null).statusCode());
    }

    @Test
    @Order(2)
    void undeclaredMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = send(http2, "DELETE", "/echo/hello", null);
        assertEquals(405, response.statusCode());
        String allow = response.headers().firstValue("Allow").orElse("");
        assertTrue(allow.contains("GET") && allow.contains("HEAD") && allow.contains("POST") && !allow.contains("DELETE"),
                "Allow: " + allow);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    @Order(3)
    void cacheMissThenHit() throws Exception {
        HttpResponse<String> first = send(http2, "GET", "/echo/cached", null);
        HttpResponse<String> second = send(http2, "GET", "/echo/cached", null);
        assertEquals("MISS", first.headers().firstValue("X-Cache-Status").orElse(""));
        assertEquals("HIT", second.headers().firstValue("X-Cache-Status").orElse(""));
        assertEquals(first.body(), second.body(), "a hit serves the stored answer without calling a replica");
    }

    /**
     * HITs reuse the cache file's open descriptor (open_file_cache); once the entry expires and is refreshed, the
     * file is replaced, and every HIT after that must serve the new answer, never the old file's.
     */
    @Test
    @Order(3)
    void aRefreshedEntryIsServedNotTheFileItReplaced() throws Exception {
        HttpResponse<String> stored = send(http2, "GET", "/echo/fresh", null);
        assertEquals("MISS", stored.headers().firstValue("X-Cache-Status").orElse(""));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> hit = send(http2, "GET", "/echo/fresh", null);
            assertEquals("HIT", hit.headers().firstValue("X-Cache-Status").orElse(""));
            assertEquals(stored.body(), hit.body());
        }
        Thread.sleep(2_100); // @Cache(success = "1s")
        HttpResponse<String> refreshed = send(http2, "GET", "/echo/fresh", null);
        assertEquals("EXPIRED", refreshed.headers().firstValue("X-Cache-Status").orElse(""));
        assertTrue(!refreshed.body().equals(stored.body()), refreshed.body());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> hit = send(http2, "GET", "/echo/fresh", null);
            assertEquals("HIT", hit.headers().firstValue("X-Cache-Status").orElse(""));
            assertEquals(refreshed.body(), hit.body(), "a HIT after the refresh serves the refreshed answer");
        }
    }

    @Test
    @Order(4)
    void rateLimitAnswers429AboveTheBurst() throws Exception {
        // 1r/m with burst 2: the first request and two more pass, the fourth is refused.
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(send(http2, "GET", "/echo/limited", null).statusCode());
        }
        assertEquals(List.of(200, 200, 200, 429), statuses);
    }

    @Test
    @Order(5)
    void bodyAboveTheLimitIs413() throws Exception {
        HttpResponse<String> small = send(http1, "POST", "/echo/upload", "x".repeat(512));
        assertEquals(200, small.statusCode());
        assertEquals("received 512 bytes", small.body());
        assertEquals(413, send(http1, "POST", "/echo/upload", "x".repeat(4096)).statusCode());
    }

    @Test
    @Order(6)
    void bothReplicasReceiveTraffic() throws Exception {
        Set<String> replicas = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            replicas.add(send(http2, "GET", "/echo/hello", null).headers().firstValue("X-Replica").orElse("?"));
        }
        assertEquals(Set.of("a", "b"), replicas);
    }

    @Test
    @Order(7)
    void requestIdIsKeptOrGeneratedAndReachesTheService() throws Exception {
        HttpResponse<String> kept = send(http2, "GET", "/echo/hello", null, "X-Request-ID", "client-chosen-id-0001");
        assertEquals("client-chosen-id-0001", kept.headers().firstValue("X-Request-ID").orElse(""));
        assertEquals("client-chosen-id-0001", kept.headers().firstValue("X-Seen-Request-ID").orElse(""));
        assertEquals("https", kept.headers().firstValue("X-Seen-Forwarded-Proto").orElse(""));

        HttpResponse<String> generated = send(http2, "GET", "/echo/hello", null, "X-Request-ID", "bad id\"");
        String id = generated.headers().firstValue("X-Request-ID").orElse("");
        assertTrue(id.matches("[0-9a-f]{32}"), "an invalid client id is replaced by a fresh one: " + id);
        assertEquals(id, generated.headers().firstValue("X-Seen-Request-ID").orElse(""));
    }

    @Test
    @Order(8)
    void internalRoutesAre404AtTheGatewayButServedInside() throws Exception {
        assertEquals(404, send(http2, "GET", "/echo/admin/stats", null).statusCode());
        HttpResponse<String> direct = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replicaA.port() + "/echo/admin/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, direct.statusCode());
    }

    /** Runs last: it stops replica b. */
    @Test
    @Order(100)
    void getIsRetriedOnTheOtherReplicaPostIsNot() throws Exception {
        String deadAddress = "127.0.0.1:" + replicaB.port();
        replicaB.stop();

        // Round robin sends one of the first two GETs to the dead replica; nginx must retry it on replica a.
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> get = send(http2, "GET", "/echo/hello", null);
            assertEquals(200, get.statusCode());
            assertEquals("a", get.headers().firstValue("X-Replica").orElse(""));
        }
        String log = Files.readString(dir.resolve("access.log"));
        assertTrue(log.lines().anyMatch(l -> l.contains("\"echo-service.hello\"") && l.contains(deadAddress + ", ")),
                "the access log shows a GET tried on " + deadAddress + " and then on the other replica:\n" + log);

        // nginx counts fail_timeout (1s) in whole seconds: after 2.5s the dead replica is offered again.
        Thread.sleep(2_500);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6 && !statuses.contains(502); i++) {
            HttpResponse<String> post = send(http2, "POST", "/echo/orders", "{}");
            statuses.add(post.statusCode());
            if (post.statusCode() == 200) {
                assertEquals("a", post.headers().firstValue("X-Replica").orElse(""));
            }
        }
        assertTrue(statuses.contains(502), "a POST that reached the dead replica fails instead of running twice: " + statuses
                + "\n" + Files.readString(dir.resolve("access.log")));
    }

    /**
     * The rendered mtail program (gateway.mtail, made from the route table) run by Debian's mtail over this class's
     * real access log: every counter equals what the JSON lines themselves say (parsed with Jackson), per route id,
     * service, method, status, cache status, gateway-made 429, and the unrouted lines by status (the 413 among them:
     * nginx refuses the body before the route is chosen).
     */
    @Test
    @Order(200)
    void mtailCountsWhatTheAccessLogSays() throws Exception {
        Path log = dir.resolve("access.log");
        Map<String, Double> mtail = MtailOneShot.run(dir.resolve("conf").resolve("gateway.mtail"), log);
        Set<String> routeIds = new HashSet<>();
        plan.routes().stream().filter(r -> r.isPublic()).forEach(r -> routeIds.add(r.id()));
        Map<String, Double> expected = new TreeMap<>();
        Map<String, Double> histogramCounts = new TreeMap<>();
        Map<String, Double> histogramSums = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(log)) {
            JsonNode l = json.readTree(line);
            // The ECS values nginx has no variable for, made by the rendered maps: @timestamp with milliseconds,
            // event.duration in nanoseconds (whole milliseconds, as nginx measures).
            assertTrue(l.get("@timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d"),
                    line);
            long nanos = l.get("event.duration").asLong(-1);
            assertTrue(l.get("event.duration").isIntegralNumber() && nanos >= 0 && nanos % 1_000_000 == 0, line);
            String route = l.get("route_id").asText();
            String status = l.get("http.response.status_code").asText();
            if (!routeIds.contains(route)) {
                expected.merge(MtailOneShot.series("gateway_unrouted_requests_total", "status", status), 1.0, Double::sum);
                continue;
            }
            expected.merge(MtailOneShot.series("gateway_route_requests_total", "route_id", route,
                    "service", l.get("service.target.name").asText(), "method", l.get("http.request.method").asText(),
                    "status", status),
                    1.0, Double::sum);
            histogramCounts.merge(MtailOneShot.series("gateway_route_request_seconds_count", "route_id", route),
                    1.0, Double::sum);
            histogramSums.merge(MtailOneShot.series("gateway_route_request_seconds_sum", "route_id", route),
                    nanos / 1e9 + 0.0005, Double::sum);
            String cache = l.get("cache_status").asText();
            if (!cache.isEmpty()) {
                expected.merge(MtailOneShot.series("gateway_route_cache_total", "route_id", route, "cache_status", cache),
                        1.0, Double::sum);
            }
            boolean byGateway = l.get("upstream_status").asText().isEmpty();
            if (byGateway && status.equals("429")) {
                expected.merge(MtailOneShot.series("gateway_route_rate_limited_total", "route_id", route), 1.0, Double::sum);
            }
        }
        Map<String, Double> counters = new TreeMap<>(mtail);
        counters.keySet().removeIf(k -> !k.matches("gateway_(route_(requests|cache|rate_limited)|unrouted_requests)_total\\{.*"));
        assertEquals(expected, counters, "mtail's counters against the access log");
        histogramCounts.forEach((k, v) -> assertEquals(v, mtail.get(k), k));
        histogramSums.forEach((k, v) -> assertEquals(v, mtail.get(k), 1e-9, k));
        // Not vacuous: the earlier tests of this class made each kind of line.
        for (String kind : List.of("gateway_route_cache_total{cache_status=\"HIT\"", "gateway_route_rate_limited_total{",
                "gateway_unrouted_requests_total{status=\"413\"", "gateway_unrouted_requests_total{status=\"404\"")) {
            assertTrue(counters.keySet().stream().anyMatch(k -> k.startsWith(kind)),
                    kind + " in " + counters);
        }
        // Every request is in the +Inf bucket (mtail drops an observation of exactly 0; the program adds half a tick).
        histogramCounts.forEach((k, v) -> assertEquals(v,
                mtail.get(MtailOneShot.canonical(k.replace("_count{", "_bucket{").replace("}", ",le=\"+Inf\"}"))), k));
        assertTrue(mtail.containsKey(MtailOneShot.series("gateway_route_request_seconds_bucket", "route_id",
                "echo-service.limited", "le", "0.3")), "the SLO thresholds are bucket bounds: " + mtail.keySet());
    }

    private static HttpResponse<String> send(HttpClient client, String method, String path, String body,
                                             String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static WebServer replica(String name) {
        return WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.register(new EchoServiceRoutes(new EchoHandler(name))))
                .build().start();
    }

}
