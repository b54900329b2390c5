package dev.gatewaystack.route.processor;

import com.google.testing.compile.Compilation;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.EdgeAuthSpec;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

/** {@code @Upstream(external = true)}: routes to a service not built here, declared without handlers. */
class ExternalUpstreamTest {
    private static final JavaFileObject ADMIN = TestSources.source("com.example.admin.AdminUpstreams",
            "public final class AdminUpstreams {",
            "    @Upstream(service = \"grafana\", port = 3000, external = true)",
            "    @EdgeAuth(role = \"admin\")",
            "    public interface Grafana {",
            "        @Route(path = \"/grafana\", match = Match.PREFIX, methods = {HttpMethod.GET, HttpMethod.POST})",
            "        void ui();",
            "        @Route(path = \"/grafana/api/live/ws\", id = \"admin.grafana-live\")",
            "        @Streaming(StreamingMode.WEBSOCKET)",
            "        void live();",
            "    }",
            "}");

    private static ServiceManifest manifest(Compilation compilation, String service) throws Exception {
        String json = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/gateway/" + service + ".json")
                .orElseThrow().getCharContent(false).toString();
        return ManifestFiles.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), service);
    }

    @Test
    void interfaceMethodsBecomeAManifestWithoutRouting() throws Exception {
        Compilation compilation = TestSources.compile(ADMIN);
        assertThat(compilation).succeededWithoutWarnings();
        ServiceManifest m = manifest(compilation, "grafana");
        assertThat(m.upstream().external()).isTrue();
        assertThat(m.upstream().port()).isEqualTo(3000);
        RouteSpec ui = m.routes().stream().filter(r -> r.id().equals("grafana.ui")).findFirst().orElseThrow();
        assertThat(ui.path()).isEqualTo("/grafana");
        assertThat(ui.match()).isEqualTo(Match.PREFIX);
        assertThat(ui.edgeAuth()).isEqualTo(new EdgeAuthSpec("admin"));
        // The external service answers the upgrade itself, so WebSocket routes are fine here.
        RouteSpec live = m.routes().stream().filter(r -> r.id().equals("admin.grafana-live")).findFirst().orElseThrow();
        assertThat(live.streaming().mode()).isEqualTo(dev.gatewaystack.route.StreamingMode.WEBSOCKET);
        assertThat(live.edgeAuth()).isEqualTo(new EdgeAuthSpec("admin"));
        // No Helidon routing: nothing could call an interface's abstract methods.
        assertThat(compilation.generatedSourceFiles()).isEmpty();
        String index = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/gateway/index")
                .orElseThrow().getCharContent(false).toString();
        assertThat(index).isEqualTo("grafana.json\n");
    }

    @Test
    void servicesBuiltHereStayNotExternal() throws Exception {
        Compilation compilation = TestSources.compile(TestSources.handler(
                "    @Route(path = \"/api/x\")",
                "    public void get(ServerResponse res) { }"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(manifest(compilation, "api-service").upstream().external()).isFalse();
        assertThat(compilation.generatedSourceFiles()).isNotEmpty();
    }

    @Test
    void anExternalRouteWithParametersIsRefused() {
        JavaFileObject source = TestSources.source("com.example.Kibana",
                "@Upstream(service = \"kibana\", port = 5601, external = true)",
                "public interface Kibana {",
                "    @Route(path = \"/kibana\", match = Match.PREFIX)",
                "    void ui(ServerRequest req);",
                "}");
        assertThat(TestSources.compile(source)).hadErrorContaining("has parameters, but no handler is generated for "
                + "an external upstream").inFile(source).onLineContaining("void ui");
    }

    @Test
    void anExternalServiceCannotBeTheEdgeAuthVerifier() {
        JavaFileObject source = TestSources.source("com.example.Sso",
                "@Upstream(service = \"sso\", external = true)",
                "public interface Sso {",
                "    @Route(path = \"/sso/check\", visibility = Visibility.INTERNAL)",
                "    @EdgeAuthVerifier",
                "    void check();",
                "}");
        assertThat(TestSources.compile(source)).hadErrorContaining("must be served by a service built here")
                .inFile(source).onLineContaining("@EdgeAuthVerifier");
    }
}
