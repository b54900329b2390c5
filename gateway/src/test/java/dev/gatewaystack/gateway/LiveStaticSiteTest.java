package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import dev.gatewaystack.gateway.render.StaticSiteRenderer;
import dev.gatewaystack.gateway.run.DevCertificate;
import dev.gatewaystack.gateway.run.LoopbackCheck;
import dev.gatewaystack.gateway.run.NginxBinary;
import dev.gatewaystack.route.model.ServiceManifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
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
import java.util.List;

import static dev.gatewaystack.gateway.TestNet.freePort;
import static dev.gatewaystack.gateway.TestNet.trusting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real nginx with the rendered config serving a built SPA: caching, fallback, 404s, headers, gzip, HTTP/2. */
class LiveStaticSiteTest {
    private static final String INDEX = "<!doctype html><html><head><script type=\"module\" src=\"/assets/index-Ab12Cd34.js\">"
            + "</script></head><body><div id=\"root\"></div></body></html>";
    private static final String SCRIPT = "console.log('the SPA');\n".repeat(40);
    private static Path dir;
    private static NginxBinary.Running nginx;
    private static TestHttps client;
    private static DevCertificate cert;
    private static int https;

    @BeforeAll
    static void start() throws Exception {
        NginxBinary binary = NginxCheckTest.nginx();
        https = freePort();
        // No service runs: these tests only touch the static files and the gateway's own answers.
        List<ServiceManifest> manifests = List.of(Fixtures.api(freePort()), Fixtures.auth(freePort()),
                Fixtures.reports(freePort()), Fixtures.profiles(freePort()));
        dir = Files.createTempDirectory("gateway-spa");
        cert = DevCertificate.create("localhost", dir.resolve("certs"));
        Files.createDirectories(dir.resolve("html/assets"));
        Files.writeString(dir.resolve("html/index.html"), INDEX);
        Files.writeString(dir.resolve("html/assets/index-Ab12Cd34.js"), SCRIPT);
        Files.writeString(dir.resolve("html/favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        GatewayTarget target = GatewayTarget.loopback(dir, cert.certificate(), cert.privateKey(), https, freePort(), manifests);
        Path conf = NginxConfigRenderer.write(RoutePlan.of(manifests), target, dir.resolve("conf"));
        nginx = binary.start(dir, conf, https, Duration.ofSeconds(15));
        client = new TestHttps(cert.certificate());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (dir != null) {
            LoopbackCheck.deleteTree(dir);
        }
    }

    private static void assertSecurityHeaders(TestHttps.Response r) {
        assertEquals(StaticSiteRenderer.CSP, r.header("Content-Security-Policy"), r::toString);
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertTrue(r.header("Strict-Transport-Security").startsWith("max-age=63072000"));
    }

    @Test
    void hashedAssetsAreCachedForAYear() throws Exception {
        var r = client.https(https, "GET", "/assets/index-Ab12Cd34.js");
        assertEquals(200, r.status());
        assertEquals(SCRIPT, r.body());
        assertEquals("public, max-age=31536000, immutable", r.header("Cache-Control"));
        assertTrue(r.header("Content-Type").startsWith("application/javascript"), r.header("Content-Type"));
        assertSecurityHeaders(r);
    }

    @Test
    void theOpenApiDocumentIsServedAsRenderedBesideTheConfig() throws Exception {
        var r = client.https(https, "GET", "/api/openapi.json");
        assertEquals(200, r.status(), r::toString);
        assertEquals(Files.readString(dir.resolve("conf/openapi.json")), r.body());
        assertTrue(r.body().contains("\"openapi\" : \"3.1.0\""), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        assertEquals("no-cache", r.header("Cache-Control"));
        assertSecurityHeaders(r);
        assertEquals(405, client.https(https, "POST", "/api/openapi.json").status());
    }

    @Test
    void aMissingAssetIs404NotTheIndexPage() throws Exception {
        var r = client.https(https, "GET", "/assets/index-gone.js");
        assertEquals(404, r.status());
        assertEquals("application/problem+json", r.header("Content-Type"));
    }

    @Test
    void clientRoutesGetIndexHtmlRevalidatedOnEveryLoad() throws Exception {
        for (String path : List.of("/accounts/7f1c/summary?month=2025-05", "/login", "/index.html", "/callback?code=x")) {
            var r = client.https(https, "GET", path);
            assertEquals(200, r.status(), path);
            assertEquals(INDEX, r.body(), path);
            assertEquals("no-cache", r.header("Cache-Control"), path);
            assertTrue(r.header("Content-Type").startsWith("text/html"), path);
            assertSecurityHeaders(r);
        }
        var icon = client.https(https, "GET", "/favicon.svg");
        assertEquals("image/svg+xml", icon.header("Content-Type"));
        assertEquals("no-cache", icon.header("Cache-Control"));
    }

    @Test
    void unknownServiceAndGatewayPathsStayProblem404() throws Exception {
        for (String path : List.of("/api/nope", "/api/items/abc/def", "/auth/unknown", "/internal/stats",
                "/internal/anything", "/__route/api.listItems", "/__unknown", "/reports/12345", "/profile/x")) {
            var r = client.https(https, "GET", path);
            assertEquals(404, r.status(), path);
            assertEquals("application/problem+json", r.header("Content-Type"), path);
            assertTrue(r.body().contains("\"status\":404"), path);
        }
    }

    @Test
    void methodsTheStaticFilesRefuseAre405ProblemsNamingGetAndHead() throws Exception {
        for (String path : List.of("/assets/index-Ab12Cd34.js", "/index.html", "/favicon.svg", "/accounts/7f1c")) {
            for (String method : List.of("POST", "DELETE")) {
                var r = client.https(https, method, path);
                assertEquals(405, r.status(), method + " " + path);
                assertEquals("application/problem+json", r.header("Content-Type"), method + " " + path);
                assertEquals("GET, HEAD", r.header("Allow"), method + " " + path);
            }
        }
    }

    @Test
    void failedPreconditionsAreProblem412() throws Exception {
        for (String header : List.of("If-Match: \"not-the-etag\"",
                "If-Unmodified-Since: Thu, 01 Jan 1970 00:00:01 GMT")) {
            var r = client.https(https, "GET", "/assets/index-Ab12Cd34.js", header);
            assertEquals(412, r.status(), header);
            assertEquals("application/problem+json", r.header("Content-Type"), header);
            assertTrue(r.body().contains("\"status\":412"), r.body());
        }
    }

    @Test
    void gzipForTextAssets() throws Exception {
        var r = client.https(https, "GET", "/assets/index-Ab12Cd34.js", "Accept-Encoding: gzip");
        assertEquals(200, r.status());
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals("Accept-Encoding", r.header("Vary"));
        var plain = client.https(https, "GET", "/assets/index-Ab12Cd34.js");
        assertNull(plain.header("Content-Encoding"));
    }

    @Test
    void http2OverTls12And13Only() throws Exception {
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            SSLParameters params = new SSLParameters();
            params.setProtocols(new String[]{protocol});
            HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trusting(cert.certificate()))
                    .sslParameters(params).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = h2.send(HttpRequest.newBuilder(URI.create("https://localhost:" + https + "/login"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), protocol);
            assertEquals(HttpClient.Version.HTTP_2, r.version(), protocol);
            assertEquals(INDEX, r.body());
        }
        assertTrue(Files.readString(dir.resolve("conf/nginx.conf")).contains("ssl_protocols TLSv1.2 TLSv1.3;"));
    }

}
