package dev.gatewaystack.support.metrics;

import io.helidon.http.BadRequestException;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A routing registered the way the generated one is (rules.route with exact, pattern and prefix matchers, HEAD
 * beside GET) served by a real Helidon server: each answer lands in the Prometheus text of /observe/metrics under
 * its manifest route id, method and status class, with the latency buckets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteMetricsTest {
    private static final HttpService GENERATED_LIKE = rules -> {
        rules.route(Method.GET, PathMatchers.create("/items/{id:[0-9]+}"), (req, res) -> {
            if (req.path().pathParameters().get("id").equals("0")) {
                throw new BadRequestException("no item 0");
            }
            res.send("item");
        });
        rules.route(Method.HEAD, PathMatchers.create("/items/{id:[0-9]+}"), (req, res) -> res.send());
        rules.route(Method.POST, PathMatchers.exact("/items"), (req, res) -> res.status(201).send("created"));
        rules.route(Method.GET, PathMatchers.create("/files[/*]"), (req, res) -> res.status(503).send());
        rules.route(Method.HEAD, PathMatchers.create("/files[/*]"), (req, res) -> res.send());
    };

    private WebServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        server = WebServer.builder().port(0)
                .putSocket("observe", s -> s.port(0))
                .featuresDiscoverServices(false)
                .addFeature(ObserveFeature.builder().observersDiscoverServices(false)
                        .addObserver(MetricsObserver.create()).sockets(java.util.List.of("observe")).build())
                .routing(r -> r.register(RouteMetrics.recorded("metrics-test", GENERATED_LIKE)))
                .build().start();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private int send(String method, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        b.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("x") : HttpRequest.BodyPublishers.noBody());
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port("observe") + "/observe/metrics"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sample value of the series with exactly these labels (any order; Helidon's scope label aside), or -1. */
    private static double sample(String text, String name, String... labels) {
        java.util.Set<String> wanted = java.util.Set.of(labels);
        for (String line : text.lines().toList()) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            java.util.Set<String> have = java.util.Arrays.stream(
                            line.substring(name.length() + 1, line.lastIndexOf('}')).split(","))
                    .filter(l -> !l.isEmpty() && !l.startsWith("scope=")).collect(java.util.stream.Collectors.toSet());
            if (have.equals(wanted)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    @Test
    void everyAnswerIsCountedUnderItsRouteIdMethodAndStatusClass() throws Exception {
        assertEquals(200, send("GET", "/items/7"));
        assertEquals(200, send("GET", "/items/8"));
        assertEquals(200, send("HEAD", "/items/8"));
        assertEquals(400, send("GET", "/items/0"));
        assertEquals(201, send("POST", "/items"));
        assertEquals(503, send("GET", "/files/a/b"));
        assertEquals(404, send("GET", "/nothing"));
        String m = metrics();
        String c = "gatewaystack_route_requests_total";
        assertEquals(2, sample(m, c, "route_id=\"metrics-test.item\"", "method=\"GET\"", "status_class=\"2xx\""), m);
        assertEquals(1, sample(m, c, "route_id=\"metrics-test.item\"", "method=\"HEAD\"", "status_class=\"2xx\""), m);
        // the handler threw; the status the error handling sent is the one counted
        assertEquals(1, sample(m, c, "route_id=\"metrics-test.item\"", "method=\"GET\"", "status_class=\"4xx\""), m);
        assertEquals(1, sample(m, c, "route_id=\"metrics-test.create\"", "method=\"POST\"", "status_class=\"2xx\""), m);
        assertEquals(1, sample(m, c, "route_id=\"metrics-test.files\"", "method=\"GET\"", "status_class=\"5xx\""), m);
        assertTrue(!m.contains("/nothing"), "an unrouted request is not a route");
        String h = "gatewaystack_route_duration_seconds_bucket";
        assertEquals(2, sample(m, h, "route_id=\"metrics-test.item\"", "method=\"GET\"", "status_class=\"2xx\"", "le=\"10.0\""), m);
        assertTrue(sample(m, h, "route_id=\"metrics-test.item\"", "method=\"GET\"", "status_class=\"2xx\"", "le=\"0.3\"") >= 0, m);
        assertEquals(2, sample(m, "gatewaystack_route_duration_seconds_count",
                "route_id=\"metrics-test.item\"", "method=\"GET\"", "status_class=\"2xx\""), m);
    }

    @Test
    void aRegistrationTheManifestDoesNotDeclareFailsAtStartup() {
        HttpService stray = rules -> rules.route(Method.GET, PathMatchers.exact("/undeclared"), (req, res) -> res.send());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WebServer.builder().port(0)
                .routing(r -> r.register(RouteMetrics.recorded("metrics-test", stray))).build());
        assertTrue(e.getMessage().contains("/undeclared"), e.getMessage());
    }

    @Test
    void aServiceWithoutManifestIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RouteMetrics.recorded("no-such-service", GENERATED_LIKE));
        assertTrue(e.getMessage().contains("META-INF/gateway/no-such-service.json"), e.getMessage());
    }
}
