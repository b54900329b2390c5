package dev.gatewaystack.route.processor;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
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

    /**
     * The registration of {@code method} on {@code path} (matched {@code exact}ly or as a {@code pattern}), checked to
     * call {@code call} through the route's case in the dispatch switch; returns where the registration is.
     */
    private static int registration(String source, String matcher, String method, String path, String call) {
        String registered = matcher + " " + method + " " + path;
        Matcher registration = Pattern.compile(Pattern.quote(matcher + "(rules, " + method + ", \"" + path + "\", ")
                + "(\\d+)\\);").matcher(source);
        assertWithMessage(registered + " registered").that(registration.find()).isTrue();
        int at = registration.start();
        String number = registration.group(1);
        assertWithMessage(registered + " registered twice").that(registration.find()).isFalse();
        assertThat(source).contains("case " + number + " -> " + call + ";");
        return at;
    }

    @Test
    void registersEveryMethodWithHeadForGetMostSpecificFirst() throws Exception {
        String source = routingSource(TestSources.compile(ACCOUNTS, ORDERS));
        String list = "this.accountHandler.list(req, res)";
        registration(source, "exact", "GET", "/api/accounts", list);
        registration(source, "exact", "HEAD", "/api/accounts", list);
        String byIdCall = "this.accountHandler.byId(req, res, longParam(req, \"id\"))";
        int byIdGet = registration(source, "pattern", "GET", "/api/accounts/{id:[0-9]+}", byIdCall);
        registration(source, "pattern", "PUT", "/api/accounts/{id:[0-9]+}", byIdCall);
        int byName = registration(source, "pattern", "GET", "/api/accounts/{name}",
                "this.accountHandler.byName(stringParam(req, \"name\"), res)");
        int files = registration(source, "pattern", "GET", "/files[/*]", "this.accountHandler.files(req, res)");
        registration(source, "pattern", "DELETE", "/api/tokens/{token}",
                "this.accountHandler.revoke(uuidParam(req, \"token\"), res)");
        registration(source, "pattern", "GET", "/api/orders/{n}", "this.orderHandler.get(intParam(req, \"n\"), res)");
        assertThat(source).doesNotContain("HEAD, \"/api/tokens");
        assertThat(source).contains("import static io.helidon.http.Method.DELETE;");
        // regex parameter before plain parameter; exact before prefix
        assertThat(byIdGet).isLessThan(byName);
        assertThat(byName).isLessThan(files);
    }

    @Test
    void oneLambdaForAllRoutesAndOneCasePerRoute() throws Exception {
        String source = routingSource(TestSources.compile(ACCOUNTS, ORDERS));
        assertThat(source).contains("return (req, res) -> handle(route, req, res);");
        assertThat(source).contains("rules.route(method, PathMatchers.exact(path), call(route));");
        assertThat(source).contains("rules.route(method, PathMatchers.create(path), call(route));");
        long arrows = source.lines().filter(line -> line.contains("->")).count();
        assertThat(arrows).isEqualTo(1 + 6 + 1); // the lambda, one case for each of the 6 routes, the default case
        assertThat(source).contains("default -> throw new IllegalStateException(\"no route \" + route);");
    }

    @Test
    void handlerClassNamedLikeHelidonsHandlerStillCompiles() throws Exception {
        // The generated class imports io.helidon.webserver.http.Handler unless a handler class takes the name.
        Compilation compilation = TestSources.compile(TestSources.handler(
                "    @Route(path = \"/h\")",
                "    public void get(ServerResponse res) { }"));
        assertThat(compilation).succeededWithoutWarnings();
        String source = compilation.generatedSourceFile("com.example.ApiServiceRoutes").orElseThrow()
                .getCharContent(false).toString();
        assertThat(source).contains("private io.helidon.webserver.http.Handler call(int route) {");
        assertThat(source).contains("case 0 -> this.handler.get(res);");
    }

    @Test
    void conversionFailureIsBadRequest() throws Exception {
        String source = routingSource(TestSources.compile(ACCOUNTS, ORDERS));
        assertThat(source).contains("return Integer.parseInt(value);");
        assertThat(source).contains("throw new BadRequestException(\"path parameter '\" + name + \"' must be a whole number\");");
        assertThat(source).contains("throw new BadRequestException(\"path parameter '\" + name + \"' must be a UUID\");");
        assertThat(source).contains("String value = req.path().pathParameters().get(name);");
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
