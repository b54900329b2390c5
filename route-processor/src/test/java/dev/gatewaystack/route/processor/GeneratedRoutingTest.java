package dev.gatewaystack.route.processor;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

import dev.gatewaystack.route.model.RoutingEntry;
import dev.gatewaystack.route.model.RoutingEntry.Argument;
import dev.gatewaystack.route.model.RoutingEntry.Kind;

import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

class GeneratedRoutingTest {
    private static final JavaFileObject ACCOUNTS = TestSources.source("com.example.api.accounts.AccountHandler",
            "@Upstream(service = \"api-service\", port = 9000)",
            "public class AccountHandler {",
            "    @Route(path = \"/api/accounts/{name}\")",
            "    public void byName(@PathParam String name, ServerResponse res) { res.send(name); }",
            "    @Route(path = \"/api/accounts/{id:[0-9]+}\", methods = {HttpMethod.GET, HttpMethod.PUT})",
            "    public void byId(ServerRequest req, ServerResponse res, @PathParam(\"id\") long id) { }",
            "    @Route(path = \"/api/accounts\")",
            "    public void list(ServerRequest req, ServerResponse res) { }",
            "    @Route(path = \"/files\", match = Match.PREFIX, visibility = Visibility.INTERNAL)",
            "    public void files(ServerRequest req, ServerResponse res) { }",
            "    @Route(path = \"/api/tokens/{token}\", methods = HttpMethod.DELETE)",
            "    public void revoke(@PathParam java.util.UUID token, ServerResponse res) { }",
            "}");
    private static final JavaFileObject ORDERS = TestSources.source("com.example.api.orders.OrderHandler",
            "@Upstream(service = \"api-service\", port = 9000)",
            "public class OrderHandler {",
            "    @Route(path = \"/api/orders/{n}\")",
            "    public void get(@PathParam(\"n\") int n, ServerResponse res) { }",
            "}");

    private static String routingSource(Compilation compilation) throws Exception {
        assertThat(compilation).succeededWithoutWarnings();
        return compilation.generatedSourceFile("com.example.api.ApiServiceRoutes").orElseThrow()
                .getCharContent(false).toString();
    }

    @Test
    void routesClassLivesInCommonPackageAndImplementsHttpService() throws Exception {
        String source = routingSource(TestSources.compile(ACCOUNTS, ORDERS));
        assertThat(source).contains("package com.example.api;");
        assertThat(source).contains("@Generated(\n        value = \"dev.gatewaystack.route.processor.RouteProcessor\",\n"
                + "        comments = \"Generated from route annotations; do not edit\"\n)");
        assertThat(source).contains("public final class ApiServiceRoutes implements HttpService {");
        assertThat(source).contains("public static final String SERVICE = \"api-service\";");
    }

    @Test
    void constructorTakesHandlersSortedByNameAndChecksNull() throws Exception {
        String source = routingSource(TestSources.compile(ORDERS, ACCOUNTS));
        assertThat(source).contains("public ApiServiceRoutes(AccountHandler accountHandler, OrderHandler orderHandler) {");
        assertThat(source).contains("this.accountHandler = Objects.requireNonNull(accountHandler, \"accountHandler\");");
        assertThat(source).contains("this.orderHandler = Objects.requireNonNull(orderHandler, \"orderHandler\");");
    }

    /** The service's routing table, one {@link RoutingEntry} per line. */
    private static List<RoutingEntry> table(Compilation compilation, String service) throws Exception {
        assertThat(compilation).succeededWithoutWarnings();
        String text = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, RoutingEntry.resource(service))
                .orElseThrow().getCharContent(false).toString();
        return text.lines().map(RoutingEntry::parse).toList();
    }

    private static RoutingEntry entry(List<RoutingEntry> table, String routeId) {
        return table.stream().filter(e -> e.routeId().equals(routeId)).findFirst().orElseThrow();
    }

    @Test
    void tableHasEveryRouteWithHeadForGetMostSpecificFirst() throws Exception {
        List<RoutingEntry> table = table(TestSources.compile(ACCOUNTS, ORDERS), "api-service");
        // RouteOrder's specificity: a regex parameter before a plain one, the prefix route last.
        assertThat(table.stream().map(RoutingEntry::routeId).toList()).containsExactly(
                "api-service.byId", "api-service.byName", "api-service.get", "api-service.revoke",
                "api-service.list", "api-service.files").inOrder();
        assertThat(entry(table, "api-service.list")).isEqualTo(new RoutingEntry("api-service.list",
                List.of("GET", "HEAD"), true, "/api/accounts", "com.example.api.accounts.AccountHandler", "list",
                List.of(Argument.REQUEST, Argument.RESPONSE)));
        assertThat(entry(table, "api-service.byId")).isEqualTo(new RoutingEntry("api-service.byId",
                List.of("GET", "HEAD", "PUT"), false, "/api/accounts/{id:[0-9]+}",
                "com.example.api.accounts.AccountHandler", "byId",
                List.of(Argument.REQUEST, Argument.RESPONSE, Argument.path(Kind.LONG, "id"))));
        assertThat(entry(table, "api-service.byName").arguments())
                .containsExactly(Argument.path(Kind.STRING, "name"), Argument.RESPONSE).inOrder();
        assertThat(entry(table, "api-service.files").path()).isEqualTo("/files[/*]");
        assertThat(entry(table, "api-service.revoke").methods()).containsExactly("DELETE");
        assertThat(entry(table, "api-service.revoke").arguments().getFirst()).isEqualTo(Argument.path(Kind.UUID, "token"));
        assertThat(entry(table, "api-service.get").handlerClass()).isEqualTo("com.example.api.orders.OrderHandler");
        assertThat(entry(table, "api-service.get").arguments().getFirst()).isEqualTo(Argument.path(Kind.INT, "n"));
    }

    @Test
    void routingClassHasNothingPerRoute() throws Exception {
        String source = routingSource(TestSources.compile(ACCOUNTS, ORDERS));
        assertThat(source).contains(
                "GeneratedRouting.register(rules, MethodHandles.lookup(), SERVICE, accountHandler, orderHandler);");
        assertThat(source).doesNotContain("/api/accounts");
        assertThat(source).doesNotContain("byName");
    }

    @Test
    void handlerClassNamedLikeHelidonsHandlerStillCompiles() throws Exception {
        // Helidon's io.helidon.webserver.http.Handler must not clash with a handler class of that name.
        Compilation compilation = TestSources.compile(TestSources.handler(
                "    @Route(path = \"/h\")",
                "    public void get(ServerResponse res) { }"));
        assertThat(compilation).succeededWithoutWarnings();
        String source = compilation.generatedSourceFile("com.example.ApiServiceRoutes").orElseThrow()
                .getCharContent(false).toString();
        assertThat(source).contains("public ApiServiceRoutes(Handler handler) {");
    }

    @Test
    void oneRoutesClassPerService() throws Exception {
        JavaFileObject auth = TestSources.source("com.example.auth.AuthHandler",
                "@Upstream(service = \"auth-service\")",
                "public class AuthHandler {",
                "    @Route(path = \"/auth/verify\", visibility = Visibility.INTERNAL)",
                "    @EdgeAuthVerifier",
                "    public void verify(ServerRequest req, ServerResponse res) { }",
                "}");
        Compilation compilation = TestSources.compile(ACCOUNTS, auth);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.auth.AuthServiceRoutes");
        assertThat(compilation).generatedSourceFile("com.example.api.accounts.ApiServiceRoutes");
    }

    @Test
    void userCodeMayReferToTheGeneratedClass() {
        JavaFileObject main = TestSources.source("com.example.api.Main",
                "public class Main {",
                "    static io.helidon.webserver.http.HttpService routes() {",
                "        return new ApiServiceRoutes(new com.example.api.accounts.AccountHandler(),",
                "                new com.example.api.orders.OrderHandler());",
                "    }",
                "}");
        assertThat(TestSources.compile(main, ACCOUNTS, ORDERS)).succeededWithoutWarnings();
    }

    @Test
    void upstreamFromPackageInfo() {
        JavaFileObject pkg = JavaFileObjectsHelper.packageInfo("com.example.pkg",
                "@dev.gatewaystack.route.Upstream(service = \"pkg-service\")");
        JavaFileObject handler = TestSources.source("com.example.pkg.sub.PkgHandler",
                "public class PkgHandler {",
                "    @Route(path = \"/pkg\")",
                "    public void get(ServerResponse res) { }",
                "}");
        Compilation compilation = TestSources.compile(pkg, handler);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.pkg.sub.PkgServiceRoutes");
    }
}
