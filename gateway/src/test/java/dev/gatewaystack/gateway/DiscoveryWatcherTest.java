package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import dev.gatewaystack.gateway.run.DevCertificate;
import dev.gatewaystack.gateway.run.LoopbackCheck;
import dev.gatewaystack.gateway.run.NginxBinary;
import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.Discovery;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.UpstreamSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.gatewaystack.gateway.RouteBuilder.route;
import static dev.gatewaystack.gateway.TestNet.freePort;
import static dev.gatewaystack.route.HttpMethod.GET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image's upstream watcher ({@code src/main/docker/discover-upstreams.sh}) against a real nginx running the
 * discovered-upstream config, with a fake resolver (a file per name) in place of Docker's DNS and three real
 * backends on 127.0.0.1-3 (all loopback on Linux) at the service's declared port: the servers follow the answers
 * up and down, only addresses that accept connections are used, an empty answer is a fast 503 problem, a failed
 * lookup or a config nginx -t refuses changes nothing, and a reload lets an in-flight request finish.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscoveryWatcherTest {
    private static final Path WATCHER = Path.of("src/main/docker/discover-upstreams.sh");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<HttpServer> BACKENDS = new ArrayList<>();
    private static Path dir;
    private static Path conf;
    private static Path answers;
    private static Path resolver;
    private static int https;
    private static NginxBinary.Running nginx;
    private static TestHttps client;

    @BeforeAll
    static void start() throws Exception {
        int port = freePort();
        for (String name : List.of("a", "b", "c")) {
            // a on 127.0.0.1, b on 127.0.0.2, c on 127.0.0.3; /slow answers after 2 s (the graceful-reload case).
            HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0." + (BACKENDS.size() + 1), port), 0);
            backend.createContext("/", exchange -> {
                if (exchange.getRequestURI().getPath().equals("/pool/slow")) {
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            backend.setExecutor(Executors.newCachedThreadPool());
            backend.start();
            BACKENDS.add(backend);
        }
        ServiceManifest pool = ServiceManifest.of("pool", new UpstreamSpec(port, Balancing.ROUND_ROBIN,
                HashKey.CLIENT_IP, 4, 1, "1s", Discovery.DNS), List.of(
                route("pool.who", "com.example.Pool#who", "/pool/who", GET).build(),
                route("pool.slow", "com.example.Pool#slow", "/pool/slow", GET).build()));
        https = freePort();
        dir = Files.createTempDirectory("gateway-discovery");
        DevCertificate cert = DevCertificate.create("localhost", dir.resolve("certs"));
        Files.createDirectories(dir.resolve("html"));
        GatewayTarget target = GatewayTarget.loopback(dir, cert.certificate(), cert.privateKey(), https, freePort(), List.of(pool))
                .withDiscoveredServers();
        conf = NginxConfigRenderer.write(RoutePlan.of(List.of(pool)), target, dir.resolve("conf"));
        answers = Files.createDirectories(dir.resolve("answers"));
        resolver = dir.resolve("resolver.sh");
        // Docker's DNS as a file per name: no file = no such name (exit 2, as getent); "FAIL" = the lookup failed.
        Files.writeString(resolver, """
                #!/bin/sh
                f="%s/$1"
                [ -f "$f" ] || exit 2
                if grep -qx FAIL "$f"; then exit 1; fi
                cat "$f"
                """.formatted(answers));
        Files.setPosixFilePermissions(resolver, PosixFilePermissions.fromString("rwx------"));
        nginx = NginxCheckTest.nginx().start(dir, conf, https, Duration.ofSeconds(15));
        client = new TestHttps(cert.certificate());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        BACKENDS.forEach(b -> b.stop(0));
        if (dir != null) {
            LoopbackCheck.deleteTree(dir);
        }
    }

    private record Run(int exitCode, String output) {
    }

    /** One pass of the watcher ({@code sync}): resolve, rewrite on change, nginx -t, reload. */
    private static Run sync() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", WATCHER.toString(), "sync").redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("NGINX_CONF", conf.toString());
        env.put("NGINX_BIN", NginxCheckTest.nginx().path().toString());
        env.put("NGINX_PREFIX", dir + "/");
        env.put("DISCOVERY_RESOLVER", resolver.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the watcher's pass did not finish");
        return new Run(p.exitValue(), out);
    }

    private static void answer(String... addresses) throws Exception {
        Files.writeString(answers.resolve("pool"), String.join("\n", addresses) + "\n");
    }

    private static String include() throws Exception {
        return Files.readString(conf.resolveSibling("upstreams/pool.conf"));
    }

    /** The backends that answer 30 requests; waits (up to 10 s) until exactly {@code expected} do. */
    private static Set<String> servedBy(Set<String> expected) throws Exception {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            seen = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                TestHttps.Response r = client.https(https, "GET", "/pool/who");
                seen.add(r.status() == 200 ? r.body() : String.valueOf(r.status()));
            }
            if (seen.equals(expected)) {
                return seen;
            }
            Thread.sleep(200); // old workers of the previous config may still hold keep-alive connections
        }
        return seen;
    }

    @Test
    @Order(1)
    void withoutAnAddressTheUpstreamAnswersAFast503Problem() throws Exception {
        Files.deleteIfExists(answers.resolve("pool"));
        Run run = sync();
        assertEquals(0, run.exitCode(), run.output());
        TestHttps.Response r = client.https(https, "GET", "/pool/who", "X-Request-ID: discovery-test-0001");
        assertEquals(503, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.header("Content-Type"));
        JsonNode problem = JSON.readTree(r.body());
        assertEquals(503, problem.get("status").asInt());
        assertEquals("discovery-test-0001", problem.get("requestId").asText());
        assertEquals("/pool/who", problem.get("instance").asText());
    }

    @Test
    @Order(2)
    void serversFollowTheAnswersUpAndDown() throws Exception {
        answer("127.0.0.1", "127.0.0.2");
        Run run = sync();
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("nginx reloaded"), run.output());
        assertTrue(include().contains("server 127.0.0.1:"), include());
        assertTrue(include().contains("max_fails=1 fail_timeout=1s;"), "passive health checks kept: " + include());
        assertEquals(Set.of("a", "b"), servedBy(Set.of("a", "b")));

        // Scaled up: c is used; an address that accepts no connection (a replica still starting) is left out.
        answer("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.9");
        run = sync();
        assertEquals(0, run.exitCode(), run.output());
        assertFalse(include().contains("127.0.0.9"), include());
        assertEquals(Set.of("a", "b", "c"), servedBy(Set.of("a", "b", "c")));

        // Same answer: nothing rewritten, no reload.
        String before = include();
        run = sync();
        assertEquals(0, run.exitCode(), run.output());
        assertFalse(run.output().contains("reloaded"), run.output());
        assertEquals(before, include());

        // Scaled down to one.
        answer("127.0.0.2");
        assertEquals(0, sync().exitCode());
        assertEquals(Set.of("b"), servedBy(Set.of("b")));
    }

    @Test
    @Order(3)
    void aFailedLookupKeepsTheServers() throws Exception {
        String before = include();
        Files.writeString(answers.resolve("pool"), "FAIL\n");
        Run run = sync();
        assertTrue(run.output().contains("keeping its servers"), run.output());
        assertEquals(before, include());
        assertEquals(Set.of("b"), servedBy(Set.of("b")));
    }

    @Test
    @Order(4)
    void aConfigNginxRefusesIsRolledBack() throws Exception {
        Path list = conf.resolveSibling("upstreams/discovery.list");
        String original = Files.readString(list);
        try {
            Files.writeString(list, original.replace("max_fails=1", "max_fails=many"));
            answer("127.0.0.1");
            String before = include();
            Run run = sync();
            assertNotEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("nginx -t refused"), run.output());
            assertEquals(before, include());
            assertEquals(Set.of("b"), servedBy(Set.of("b")));
        } finally {
            Files.writeString(list, original);
        }
    }

    @Test
    @Order(5)
    void aReloadLetsInFlightRequestsFinish() throws Exception {
        answer("127.0.0.2");
        assertEquals(0, sync().exitCode());
        CompletableFuture<TestHttps.Response> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return client.https(https, "GET", "/pool/slow");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500); // the request is at b, which answers after 2 s
        answer("127.0.0.3");
        Run run = sync();
        assertTrue(run.output().contains("nginx reloaded"), run.output());
        TestHttps.Response r = slow.get(10, TimeUnit.SECONDS);
        assertEquals(200, r.status(), r.body());
        assertEquals("b", r.body());
        assertEquals(Set.of("c"), servedBy(Set.of("c")));
    }
}
