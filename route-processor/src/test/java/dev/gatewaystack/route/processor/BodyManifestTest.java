package dev.gatewaystack.route.processor;

import com.google.testing.compile.Compilation;
import dev.gatewaystack.route.model.BodySpec;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.PathParamSpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.SchemaSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

/** {@code @Body} types become JSON Schemas in the manifest; {@code @PathParam} types become parameter types. */
class BodyManifestTest {
    private static final JavaFileObject ORDERS = TestSources.source("com.example.orders.OrdersHandler",
            "@Upstream(service = \"orders\", port = 9000)",
            "public class OrdersHandler {",
            "    public enum Status { OPEN, SHIPPED }",
            "    public record Line(String sku, int quantity) { }",
            "    public record NewOrder(java.util.UUID customer, java.time.LocalDate due, java.util.List<Line> lines,",
            "                           java.util.Optional<String> note) { }",
            "    public record Order(long id, Status status, boolean paid, java.time.Instant createdAt) { }",
            "    @Route(path = \"/orders\", methods = HttpMethod.POST)",
            "    @Body(request = NewOrder.class, response = Order.class)",
            "    public void create(ServerRequest req, ServerResponse res) { }",
            "    @Route(path = \"/orders\")",
            "    @Body(response = Order.class, responseArray = true)",
            "    public void list(ServerResponse res) { }",
            "    @Route(path = \"/orders/{id:[0-9]+}/lines/{sku}\")",
            "    public void line(@PathParam long id, @PathParam String sku, ServerResponse res) { }",
            "    @Route(path = \"/orders/by-key/{key}\")",
            "    public void byKey(@PathParam java.util.UUID key, ServerResponse res) { }",
            "}");

    private static ServiceManifest manifest(Compilation compilation) throws Exception {
        assertThat(compilation).succeededWithoutWarnings();
        String json = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/gateway/orders.json")
                .orElseThrow().getCharContent(false).toString();
        // only what is declared: a schema that may not be null says nothing about null
        assertThat(json).doesNotContain("\"nullable\" : false");
        return ManifestFiles.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "orders");
    }

    private static RouteSpec route(ServiceManifest m, String id) {
        return m.routes().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void recordsBecomeObjectSchemasWithRequiredComponentsNullableUnlessPrimitive() throws Exception {
        BodySpec body = route(manifest(TestSources.compile(ORDERS)), "orders.create").body();
        SchemaSpec line = new SchemaSpec("Line", "object", null, null, null, Map.of(
                "sku", SchemaSpec.scalar("string", null).orNull(), "quantity", SchemaSpec.scalar("integer", "int32")),
                List.of("sku", "quantity"), null);
        SchemaSpec request = body.request();
        assertThat(request.name()).isEqualTo("NewOrder");
        assertThat(request.properties().keySet()).containsExactly("customer", "due", "lines", "note").inOrder();
        assertThat(request.properties().get("customer")).isEqualTo(SchemaSpec.scalar("string", "uuid").orNull());
        assertThat(request.properties().get("due")).isEqualTo(SchemaSpec.scalar("string", "date").orNull());
        assertThat(request.properties().get("lines")).isEqualTo(SchemaSpec.array(line).orNull());
        assertThat(request.properties().get("note")).isEqualTo(SchemaSpec.scalar("string", null));
        assertThat(request.required()).containsExactly("customer", "due", "lines").inOrder();
        SchemaSpec order = body.response();
        assertThat(order.properties().get("status")).isEqualTo(
                new SchemaSpec("Status", "string", null, List.of("OPEN", "SHIPPED"), null, null, null, true));
        assertThat(order.properties().get("id")).isEqualTo(SchemaSpec.scalar("integer", "int64"));
        assertThat(order.properties().get("paid")).isEqualTo(SchemaSpec.scalar("boolean", null));
        assertThat(order.properties().get("createdAt")).isEqualTo(SchemaSpec.scalar("string", "date-time").orNull());
    }

    @Test
    void responseArrayAndRoutesWithoutBody() throws Exception {
        ServiceManifest m = manifest(TestSources.compile(ORDERS));
        BodySpec list = route(m, "orders.list").body();
        assertThat(list.request()).isNull();
        assertThat(list.response().type()).isEqualTo("array");
        assertThat(list.response().items().name()).isEqualTo("Order");
        assertThat(route(m, "orders.line").body()).isNull();
    }

    @Test
    void pathParameterTypesInTheManifest() throws Exception {
        ServiceManifest m = manifest(TestSources.compile(ORDERS));
        assertThat(route(m, "orders.line").pathParams()).containsExactly(
                new PathParamSpec("id", "integer", "int64"), new PathParamSpec("sku", "string", null)).inOrder();
        assertThat(route(m, "orders.byKey").pathParams()).containsExactly(new PathParamSpec("key", "string", "uuid"));
        assertThat(route(m, "orders.create").pathParams()).isNull();
    }

    @Test
    void unsupportedBodyTypeIsAnErrorOnTheAnnotation() {
        JavaFileObject source = TestSources.source("com.example.bad.BadHandler",
                "@Upstream(service = \"bad\")",
                "public class BadHandler {",
                "    public static class NotARecord { }",
                "    @Route(path = \"/bad\", methods = HttpMethod.POST)",
                "    @Body(request = NotARecord.class)",
                "    public void post(ServerRequest req) { }",
                "}");
        Compilation c = TestSources.compile(source);
        assertThat(c).hadErrorContaining("@Body: com.example.bad.BadHandler.NotARecord cannot be described as JSON")
                .inFile(source).onLineContaining("@Body(request = NotARecord.class)");
    }

    @Test
    void bodyWithoutTypesIsAnError() {
        Compilation c = TestSources.compile(TestSources.source("com.example.bad.EmptyHandler",
                "@Upstream(service = \"bad\")",
                "public class EmptyHandler {",
                "    @Route(path = \"/bad\")",
                "    @Body",
                "    public void get(ServerRequest req) { }",
                "}"));
        assertThat(c).hadErrorContaining("@Body declares no type; set request, response or both");
    }
}
