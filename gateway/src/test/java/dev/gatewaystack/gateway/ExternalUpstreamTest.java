package dev.gatewaystack.gateway;

import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.EdgeAuthSpec;
import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import dev.gatewaystack.gateway.run.DevCertificate;
import dev.gatewaystack.gateway.run.LoopbackCheck;
import dev.gatewaystack.gateway.run.NginxBinary;
import com.sun.net.httpserver.HttpServer;
import dev.gatewaystack.route.Discovery;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.UpstreamSpec;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.gatewaystack.gateway.TestNet.freePort;
import static dev.gatewaystack.gateway.RouteBuilder.route;
import static dev.gatewaystack.route.HttpMethod.GET;
import static dev.gatewaystack.route.HttpMethod.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services not built here (Grafana, Kibana, ...): no upstream block, resolved per request, so nginx starts even when
 * an optional one is absent and answers 502 for it.
 */
class ExternalUpstreamTest {
    static ServiceManifest external(String service, int port) {
        return ServiceManifest.of(service, new UpstreamSpec(port, null, null, 0, 1, "10s", Discovery.DNS,
                true), List.of(route("admin." + service, "com.example.admin.Admin#" + service, "/" + service, GET, POST)
                .match(Match.PREFIX).edgeAuth(new EdgeAuthSpec("admin")).build()));
    }

    @Test
    void composeTargetResolvesExternalUpstreamsPerRequestThroughDockerDns() {
        RoutePlan plan = RoutePlan.of(List.of(Fixtures.auth(9000), external("grafana", 3000)));
        String conf = NginxConfigRenderer.nginxConf(plan, GatewayTarget.compose());
        assertFalse(conf.contains("upstream grafana {"), conf);
        assertTrue(conf.contains("upstream auth-service {"), conf);
        // The route's directives: its path location serves it in place (one route, no dispatch).
        int set = conf.indexOf("set $route_id admin.grafana;");
        assertTrue(set > 0, conf);
        String block = conf.substring(conf.lastIndexOf("location ", set), conf.indexOf("\n        }", set));
        assertTrue(block.contains("auth_request /__edge_auth/role_admin;"), block);
        assertTrue(block.contains("resolver 127.0.0.11 valid=10s ipv6=off;"), block);
        assertTrue(block.contains("set $external_upstream grafana:3000;"), block);
        assertTrue(block.contains("proxy_pass http://$external_upstream$request_uri;"), block);
    }

    @Test
    void nginxAcceptsExternalUpstreams() {
        RoutePlan plan = RoutePlan.of(List.of(Fixtures.api(8080), Fixtures.auth(9000), external("grafana", 3000),
                external("kibana", 5601)));
        NginxBinary.Result result = LoopbackCheck.run(plan, NginxCheckTest.nginx());
        assertTrue(result.ok(), () -> "nginx -t failed:\n" + result.output());
    }

    @Test
    void anAbsentExternalServiceAnswers502AndTheGatewayKeepsServing() throws Exception {
        HttpServer ui = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ui.createContext("/", exchange -> {
            String extra = exchange.getRequestURI().getPath().endsWith("/headers")
                    ? " authorization=" + exchange.getRequestHeaders().getFirst("Authorization")
                    + " cookie=" + exchange.getRequestHeaders().getFirst("Cookie") : "";
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " user="
                    + exchange.getRequestHeaders().getFirst("X-Auth-User") + extra).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        HttpServer verifier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        verifier.createContext("/auth/verify", exchange -> {
            boolean good = "Bearer good".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (good) {
                exchange.getResponseHeaders().add("X-Auth-User", "alice");
                exchange.getResponseHeaders().add("X-Auth-Roles", "admin");
            }
            exchange.sendResponseHeaders(good ? 200 : 401, -1);
            exchange.close();
        });
        ui.start();
        verifier.start();
        Path dir = Files.createTempDirectory("gateway-external");
        NginxBinary.Running nginx = null;
        try {
            int https = freePort();
            List<ServiceManifest> manifests = List.of(Fixtures.auth(verifier.getAddress().getPort()),
                    external("grafana", ui.getAddress().getPort()), external("kibana", 5601));
            DevCertificate cert = DevCertificate.create("localhost", dir.resolve("certs"));
            Files.createDirectories(dir.resolve("html"));
            // Kibana is not running: its name does not resolve (no DNS server answers at 127.0.0.11 here).
            GatewayTarget target = GatewayTarget.loopback(dir, cert.certificate(), cert.privateKey(), https, freePort(), manifests)
                    .withServers("kibana", List.of("kibana.invalid:5601"));
            Path conf = NginxConfigRenderer.write(RoutePlan.of(manifests), target, dir.resolve("conf"));
            nginx = NginxCheckTest.nginx().start(dir, conf, https, Duration.ofSeconds(15));
            TestHttps client = new TestHttps(cert.certificate());

            var proxied = client.https(https, "GET", "/grafana/d/overview?orgId=1", "Authorization: Bearer good");
            assertEquals(200, proxied.status(), proxied::toString);
            assertEquals("GET /grafana/d/overview?orgId=1 user=alice", proxied.body(), "the full URI is passed on");
            assertEquals(401, client.https(https, "GET", "/grafana/", "Authorization: Bearer bad").status());
            var stripped = client.https(https, "GET", "/grafana/headers", "Authorization: Bearer good",
                    "Cookie: grafana_session=g1; gs_session=secret; theme=dark");
            assertEquals("GET /grafana/headers user=alice authorization=null cookie=grafana_session=g1; theme=dark",
                    stripped.body(), "the admin UI sees neither the bearer token nor the gs_session cookie");
            var onlySession = client.https(https, "GET", "/grafana/headers", "Authorization: Bearer good",
                    "Cookie: gs_session=secret");
            assertEquals("GET /grafana/headers user=alice authorization=null cookie=null", onlySession.body());
            var twoSessions = client.https(https, "GET", "/grafana/headers", "Authorization: Bearer good",
                    "Cookie: gs_session=one; grafana_session=g1; gs_session=two; theme=dark");
            assertEquals("GET /grafana/headers user=alice authorization=null cookie=grafana_session=g1; theme=dark",
                    twoSessions.body(), "every gs_session cookie is removed, not only the first");
            var threeSessions = client.https(https, "GET", "/grafana/headers", "Authorization: Bearer good",
                    "Cookie: a=1; gs_session=one; gs_session=two; b=2; gs_session=three");
            assertEquals("GET /grafana/headers user=alice authorization=null cookie=a=1; b=2;", threeSessions.body());
            // More than the map passes remove (3): the whole header is withheld rather than one session passed on.
            var manySessions = client.https(https, "GET", "/grafana/headers", "Authorization: Bearer good",
                    "Cookie: " + "gs_session=s; ".repeat(8) + "a=1");
            assertEquals("GET /grafana/headers user=alice authorization=null cookie=null", manySessions.body());
            var absent = client.https(https, "GET", "/kibana/app/home", "Authorization: Bearer good");
            assertEquals(502, absent.status(), absent::toString);
            assertEquals(200, client.https(https, "GET", "/grafana/", "Authorization: Bearer good").status(),
                    "the gateway keeps serving after an absent upstream");
        } finally {
            if (nginx != null) {
                nginx.close();
            }
            ui.stop(0);
            verifier.stop(0);
            LoopbackCheck.deleteTree(dir);
        }
    }

}
