package dev.gatewaystack.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.openapi.OpenApiDocuments;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.RateLimitKey;
import dev.gatewaystack.route.model.BodySpec;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.PathParamSpec;
import dev.gatewaystack.route.model.RateLimitSpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.SchemaSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.gatewaystack.gateway.RouteBuilder.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI documents, read back by an independent parser (swagger-parser, which validates 3.1 documents) and
 * their schemas checked against the JSON Schema 2020-12 meta-schema (networknt): every manifest route appears,
 * nothing else does, and each policy shows as the response, parameter or security it implies.
 */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "https://api.example.com";
    private static final SchemaSpec ITEM = new SchemaSpec("Item", "object", null, null, null,
            Map.of("id", SchemaSpec.scalar("integer", "int64"), "name", SchemaSpec.scalar("string", null).orNull()),
            List.of("id", "name"), null);

    /** Fixtures plus a service with typed bodies, a typed path parameter, an idempotent POST and a rate limit. */
    private static List<ServiceManifest> manifests() {
        ServiceManifest shop = ServiceManifest.of("shop-service", Fixtures.upstream(8090,
                dev.gatewaystack.route.Balancing.ROUND_ROBIN, dev.gatewaystack.route.HashKey.CLIENT_IP, 4), List.of(
                route("shop.create", "com.example.Shop#create", "/shop/items", HttpMethod.POST).idempotent(true)
                        .authenticated(true).body(new BodySpec(ITEM, ITEM)).build(),
                route("shop.get", "com.example.Shop#get", "/shop/items/{id:[0-9]+}")
                        .pathParams(List.of(new PathParamSpec("id", "integer", "int64")))
                        .rateLimit(new RateLimitSpec("5r/s", 0, RateLimitKey.CLIENT_IP, true))
                        .body(new BodySpec(null, ITEM)).build(),
                route("shop.list", "com.example.Shop#list", "/shop/items")
                        .body(new BodySpec(null, SchemaSpec.array(ITEM))).build()));
        List<ServiceManifest> all = new ArrayList<>(Fixtures.all());
        all.add(shop);
        return all;
    }

    private static JsonNode validated(String json) throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertEquals(List.of(), result.getMessages(), "swagger-parser found problems in:\n" + json);
        assertEquals(io.swagger.v3.oas.models.SpecVersion.V31, result.getOpenAPI().getSpecVersion());
        JsonNode doc = JSON.readTree(json);
        assertEquals("3.1.0", doc.get("openapi").asText());
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        doc.get("components").get("schemas").properties().forEach(e ->
                assertEquals(Set.of(), meta.validate(e.getValue()), "schema " + e.getKey() + " is not JSON Schema"));
        return doc;
    }

    /** "METHOD path" of every operation in a document. */
    private static Set<String> operations(JsonNode doc) {
        Set<String> ops = new TreeSet<>();
        doc.get("paths").properties().forEach(p -> {
            for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
                ops.add(m.next().toUpperCase() + " " + p.getKey());
            }
        });
        return ops;
    }

    private static Set<String> expected(List<RouteSpec> routes) {
        Set<String> ops = new TreeSet<>();
        for (RouteSpec r : routes) {
            String path = r.path().replaceAll("\\{([A-Za-z_][A-Za-z0-9_]*):[^/]*}", "{$1}");
            r.methods().forEach(m -> ops.add(m + " " + path));
        }
        return ops;
    }

    @Test
    void gatewayDocumentHasEveryPublicRouteAndNothingElse() throws Exception {
        List<ServiceManifest> manifests = manifests();
        JsonNode doc = validated(OpenApiDocuments.gateway(RoutePlan.of(manifests), ORIGIN));
        List<RouteSpec> publicRoutes = manifests.stream().flatMap(m -> m.routes().stream())
                .filter(RouteSpec::isPublic).toList();
        assertEquals(expected(publicRoutes), operations(doc));
        assertFalse(operations(doc).contains("DELETE /api/items/{id}"), "an internal route is not callable");
    }

    @Test
    void serviceDocumentsHaveEachServicesRoutesInternalOnesMarked() throws Exception {
        RoutePlan plan = RoutePlan.of(manifests());
        for (ServiceManifest m : manifests()) {
            JsonNode doc = validated(OpenApiDocuments.service(plan, m.service(), ORIGIN));
            assertEquals(expected(m.routes()), operations(doc), m.service());
        }
        JsonNode api = JSON.readTree(OpenApiDocuments.service(plan, "api-service", ORIGIN));
        assertEquals("internal", api.at("/paths/~1api~1items~1{id}/delete/x-gateway-visibility").asText());
        assertEquals("prefix", api.at("/paths/~1api~1files/get/x-gateway-match").asText());
    }

    @Test
    void theProjectsOwnServicesValidateAndAreComplete() throws Exception {
        List<ServiceManifest> manifests = ManifestFiles.loadAll(getClass().getClassLoader());
        assertTrue(manifests.stream().anyMatch(m -> m.service().equals("api-service")), "api-service on the classpath");
        RoutePlan plan = RoutePlan.of(manifests);
        JsonNode doc = validated(OpenApiDocuments.gateway(plan, ORIGIN));
        assertEquals(expected(manifests.stream().flatMap(m -> m.routes().stream()).filter(RouteSpec::isPublic)
                .toList()), operations(doc));
        JsonNode post = doc.at("/paths/~1api~1accounts~1{id}~1transactions/post");
        assertEquals("#/components/schemas/NewTransaction", post.at("/requestBody/content/application~1json/schema/$ref").asText());
        assertEquals(ORIGIN + "/.well-known/openid-configuration",
                doc.at("/components/securitySchemes/oauth2/openIdConnectUrl").asText());
        assertEquals("openIdConnect", doc.at("/components/securitySchemes/oauth2/type").asText());
        for (ServiceManifest m : manifests) {
            validated(OpenApiDocuments.service(plan, m.service(), ORIGIN));
        }
    }

    /**
     * The SPA's API reference page is tested against a copy of the generated document: the copy must be what the
     * build renders for the Compose origin, or those tests would pass on a shape the gateway no longer serves.
     */
    @Test
    void theSpaTestFixtureIsTheDocumentTheBuildRenders() throws Exception {
        // The build's manifests: the test classpath minus this module's test classes (their echo/fixture services).
        URL[] mainClasspath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        RoutePlan plan;
        try (URLClassLoader loader = new URLClassLoader(mainClasspath, null)) {
            plan = RoutePlan.of(ManifestFiles.loadAll(loader));
        }
        Path fixture = Path.of("..", "frontend", "src", "api-reference", "openapi.fixture.json");
        assertEquals(OpenApiDocuments.gateway(plan, "https://localhost").strip(), Files.readString(fixture).strip(),
                "refresh " + fixture.normalize() + " from gateway/target/nginx/openapi.json after ./mvnw package");
    }

    @Test
    void policiesShowAsResponsesParametersAndSecurity() throws Exception {
        JsonNode doc = validated(OpenApiDocuments.gateway(RoutePlan.of(manifests()), ORIGIN));
        JsonNode create = doc.at("/paths/~1shop~1items/post");
        assertEquals("Idempotency-Key", create.at("/parameters/0/name").asText());
        assertEquals("header", create.at("/parameters/0/in").asText());
        assertTrue(create.at("/parameters/0/required").asBoolean());
        assertEquals("oauth2", create.at("/security/0").fieldNames().next());
        assertEquals(Set.of("2XX", "400", "401", "413", "415", "422"), fields(create.get("responses")));
        assertEquals("#/components/responses/413", create.at("/responses/413/$ref").asText());
        assertEquals("application/problem+json", doc.at("/components/responses/413/content").fieldNames().next());

        JsonNode get = doc.at("/paths/~1shop~1items~1{id}/get");
        assertEquals("integer", get.at("/parameters/0/schema/type").asText());
        assertEquals("int64", get.at("/parameters/0/schema/format").asText());
        assertEquals("^(?:[0-9]+)$", get.at("/parameters/0/schema/pattern").asText());
        assertEquals(Set.of("200", "400", "404", "429"), fields(get.get("responses")));
        assertTrue(get.path("security").isMissingNode(), "a public route needs no credentials");

        JsonNode admin = doc.at("/paths/~1api~1items~1{id}/put");
        assertEquals(Set.of("2XX", "400", "401", "403", "404", "413", "429"), fields(admin.get("responses")));
        assertEquals("session", admin.at("/security/0").fieldNames().next());
        assertEquals("gs_session", doc.at("/components/securitySchemes/session/name").asText());

        JsonNode plain = doc.at("/paths/~1api~1search/get");
        assertEquals(Set.of("200", "429"), fields(plain.get("responses")));
    }

    @Test
    void bodySchemasAcceptWhatTheHandlerSendsAndRejectOtherShapes() throws Exception {
        JsonNode doc = validated(OpenApiDocuments.gateway(RoutePlan.of(manifests()), ORIGIN));
        JsonSchema list = schemaAt(doc, doc.at("/paths/~1shop~1items/get/responses/200/content/application~1json/schema"));
        assertEquals(Set.of(), list.validate(JSON.readTree("[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": null}]")));
        assertFalse(list.validate(JSON.readTree("[{\"id\": \"1\", \"name\": \"a\"}]")).isEmpty(), "id must be an integer");
        assertFalse(list.validate(JSON.readTree("[{\"id\": 1}]")).isEmpty(), "name is required");
        assertFalse(list.validate(JSON.readTree("[{\"id\": 1, \"name\": \"a\", \"extra\": 1}]")).isEmpty(),
                "a record has no other properties");
    }

    /** A schema node of the document, its $refs resolved against the document's components. */
    private static JsonSchema schemaAt(JsonNode doc, JsonNode schema) {
        ObjectNode root = ((ObjectNode) schema.deepCopy());
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", doc.get("components"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
