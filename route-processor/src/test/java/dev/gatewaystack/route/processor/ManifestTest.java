package dev.gatewaystack.route.processor;

import com.google.testing.compile.Compilation;
import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.CacheKey;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.RateLimitKey;
import dev.gatewaystack.route.RetryOn;
import dev.gatewaystack.route.StreamingMode;
import dev.gatewaystack.route.Visibility;
import dev.gatewaystack.route.model.CacheSpec;
import dev.gatewaystack.route.model.CorsSpec;
import dev.gatewaystack.route.model.EdgeAuthSpec;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.RateLimitSpec;
import dev.gatewaystack.route.model.RetrySpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.StreamingSpec;
import dev.gatewaystack.route.model.TimeoutSpec;
import dev.gatewaystack.route.model.UpstreamSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

class ManifestTest {
    private static final JavaFileObject SHOP = TestSources.source("com.example.shop.ShopHandler",
            "@Upstream(service = \"shop\", port = 9000, balancing = Balancing.LEAST_CONN, keepalive = 4, maxFails = 3,",
            "        failTimeout = \"30s\", discovery = Discovery.DNS)",
            "@Timeouts(read = \"30s\")",
            "@MaxBodySize(\"1m\")",
            "@Cors(origins = \"https://app.example.com\", credentials = true)",
            "public class ShopHandler {",
            "    @Route(path = \"/shop/items/{name}\")",
            "    public void item(@PathParam String name, ServerResponse res) { }",
            "    @Route(path = \"/shop/items/{id:[0-9]+}\", id = \"shop.item-by-id\")",
            "    @Cache(success = \"5m\", keyHeaders = \"Accept-Language\", bypassQueryParams = \"nocache\")",
            "    @Timeouts(connect = \"2s\", send = \"\")",
            "    public void itemById(@PathParam(\"id\") long id, ServerResponse res) { }",
            "    @Route(path = \"/shop/orders\", methods = HttpMethod.POST)",
            "    @MaxBodySize(\"64k\")",
            "    @RateLimit(rate = \"10r/s\", burst = 20, key = RateLimitKey.GLOBAL)",
            "    public void order(ServerRequest req, ServerResponse res) { }",
            "    @Route(path = \"/shop/payments\", methods = HttpMethod.POST)",
            "    @Idempotent",
            "    @Retry(attempts = 3, on = {RetryOn.ERROR, RetryOn.HTTP_503}, within = \"10s\")",
            "    public void pay(ServerRequest req, ServerResponse res) { }",
            "    @Route(path = \"/shop/me\")",
            "    @EdgeAuth(role = \"customer\")",
            "    @Authenticated",
            "    @Cache(key = {CacheKey.USER, CacheKey.URI})",
            "    public void me(ServerRequest req, ServerResponse res) { }",
            "    @Route(path = \"/shop/events\")",
            "    @Streaming(StreamingMode.SSE)",
            "    public void events(ServerRequest req, ServerResponse res) { }",
            "    @Route(path = \"/shop/auth\", visibility = Visibility.INTERNAL)",
            "    @EdgeAuthVerifier",
            "    public void verify(ServerRequest req, ServerResponse res) { }",
            "    @Route(path = \"/shop\", match = Match.PREFIX)",
            "    public void rest(ServerRequest req, ServerResponse res) { }",
            "}");

    private static ServiceManifest manifest(Compilation compilation, String service) throws Exception {
        assertThat(compilation).succeededWithoutWarnings();
        JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/gateway/" + service + ".json").orElseThrow();
        String json = file.getCharContent(false).toString();
        return ManifestFiles.fromJson(new ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), service);
    }

    private static RouteSpec route(ServiceManifest manifest, String id) {
        return manifest.routes().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void upstreamAsDeclared() throws Exception {
        ServiceManifest m = manifest(TestSources.compile(SHOP), "shop");
        assertThat(m.schemaVersion()).isEqualTo(ServiceManifest.SCHEMA_VERSION);
        assertThat(m.service()).isEqualTo("shop");
        assertThat(m.upstream()).isEqualTo(new UpstreamSpec(9000, Balancing.LEAST_CONN, HashKey.CLIENT_IP, 4, 3, "30s",
                dev.gatewaystack.route.Discovery.DNS));
    }

    @Test
    void routesInSpecificityOrder() throws Exception {
        ServiceManifest m = manifest(TestSources.compile(SHOP), "shop");
        assertThat(m.routes().stream().map(RouteSpec::path).toList()).containsExactly(
                // segment by segment literal < regex param < plain param, then longer first, exact before prefix
                "/shop/items/{id:[0-9]+}", "/shop/items/{name}",
                "/shop/auth", "/shop/events", "/shop/me", "/shop/orders", "/shop/payments", "/shop").inOrder();
    }

    @Test
    void defaultsAndClassLevelPolicies() throws Exception {
        RouteSpec item = route(manifest(TestSources.compile(SHOP), "shop"), "shop.item");
        assertThat(item.handler()).isEqualTo("com.example.shop.ShopHandler#item");
        assertThat(item.methods()).containsExactly(HttpMethod.GET);
        assertThat(item.match()).isEqualTo(Match.EXACT);
        assertThat(item.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(item.idempotent()).isTrue();
        assertThat(item.retry()).isEqualTo(RetrySpec.defaults());
        assertThat(item.maxBodySize()).isEqualTo("1m");
        assertThat(item.timeouts()).isEqualTo(new TimeoutSpec(null, "30s", null));
        assertThat(item.cors()).isEqualTo(new CorsSpec(List.of("https://app.example.com"),
                List.of("Authorization", "Content-Type"), List.of("X-Request-ID"), true, "10m"));
        assertThat(item.cache()).isNull();
        assertThat(item.rateLimit()).isNull();
        assertThat(item.edgeAuth()).isNull();
        assertThat(item.authenticated()).isFalse();
    }

    @Test
    void methodLevelPoliciesWin() throws Exception {
        ServiceManifest m = manifest(TestSources.compile(SHOP), "shop");
        RouteSpec byId = route(m, "shop.item-by-id");
        assertThat(byId.timeouts()).isEqualTo(new TimeoutSpec("2s", null, null));
        assertThat(byId.cache()).isEqualTo(new CacheSpec("5m", "0s", "0s",
                List.of(CacheKey.METHOD, CacheKey.HOST, CacheKey.URI), List.of("Accept-Language"), true, true,
                List.of(), List.of("nocache")));
        RouteSpec order = route(m, "shop.order");
        assertThat(order.maxBodySize()).isEqualTo("64k");
        assertThat(order.rateLimit()).isEqualTo(new RateLimitSpec("10r/s", 20, RateLimitKey.GLOBAL, true));
    }

    @Test
    void idempotencyAndRetry() throws Exception {
        ServiceManifest m = manifest(TestSources.compile(SHOP), "shop");
        RouteSpec order = route(m, "shop.order");
        assertThat(order.idempotent()).isFalse();
        assertThat(order.retry()).isNull();
        RouteSpec pay = route(m, "shop.pay");
        assertThat(pay.idempotent()).isTrue();
        assertThat(pay.retry()).isEqualTo(new RetrySpec(3, List.of(RetryOn.ERROR, RetryOn.HTTP_503), "10s"));
    }

    @Test
    void authStreamingVerifierAndPrefix() throws Exception {
        ServiceManifest m = manifest(TestSources.compile(SHOP), "shop");
        RouteSpec me = route(m, "shop.me");
        assertThat(me.edgeAuth()).isEqualTo(new EdgeAuthSpec("customer"));
        assertThat(me.authenticated()).isTrue();
        assertThat(me.cache().key()).containsExactly(CacheKey.USER, CacheKey.URI).inOrder();
        assertThat(route(m, "shop.events").streaming()).isEqualTo(new StreamingSpec(StreamingMode.SSE, "1h"));
        RouteSpec verify = route(m, "shop.verify");
        assertThat(verify.edgeAuthVerifier()).isTrue();
        assertThat(verify.visibility()).isEqualTo(Visibility.INTERNAL);
        assertThat(route(m, "shop.rest").match()).isEqualTo(Match.PREFIX);
    }

    @Test
    void indexListsEveryServiceOfTheCompilation() throws Exception {
        JavaFileObject other = TestSources.source("com.example.other.OtherHandler",
                "@Upstream(service = \"other\")",
                "public class OtherHandler {",
                "    @Route(path = \"/other\")",
                "    public void get(ServerResponse res) { }",
                "}");
        Compilation compilation = TestSources.compile(SHOP, other);
        assertThat(compilation).succeededWithoutWarnings();
        String index = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/gateway/index")
                .orElseThrow().getCharContent(false).toString();
        assertThat(index).isEqualTo("other.json\nshop.json\n");
        assertThat(manifest(compilation, "other").routes()).hasSize(1);
    }

    @Test
    void nothingGeneratedForAServiceWithErrorsButOtherServicesAreFine() throws Exception {
        JavaFileObject broken = TestSources.source("com.example.broken.BrokenHandler",
                "@Upstream(service = \"broken\")",
                "public class BrokenHandler {",
                "    @Route(path = \"broken\")",
                "    public void get(ServerResponse res) { }",
                "}");
        // compile-testing hides generated files of a failed compilation, so compile into directories instead
        Path out = Files.createTempDirectory("route-processor-test");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> errors = new ArrayList<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(out));
            JavaCompiler.CompilationTask task = javac.getTask(null, files,
                    d -> errors.add(d.getKind() + ": " + d.getMessage(null)), null, null, List.of(SHOP, broken));
            task.setProcessors(List.of(new RouteProcessor()));
            assertThat(task.call()).isFalse();
        }
        assertThat(errors).containsExactly("ERROR: @Route path \"broken\" must start with '/', e.g. \"/api/accounts\"");
        assertThat(Files.exists(out.resolve("com/example/broken/BrokenRoutes.java"))).isFalse();
        assertThat(Files.exists(out.resolve("META-INF/gateway/broken.json"))).isFalse();
        assertThat(Files.exists(out.resolve("com/example/shop/ShopRoutes.java"))).isTrue();
        assertThat(Files.exists(out.resolve("META-INF/gateway/shop.json"))).isTrue();
        assertThat(Files.readString(out.resolve("META-INF/gateway/index"))).isEqualTo("shop.json\n");
    }
}
