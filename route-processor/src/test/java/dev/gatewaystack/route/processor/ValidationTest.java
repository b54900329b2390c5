package dev.gatewaystack.route.processor;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

import javax.tools.JavaFileObject;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.gatewaystack.route.processor.TestSources.handler;
import static dev.gatewaystack.route.processor.TestSources.source;

/** Every user error: its message (what is wrong and how to fix it) and the line it points at. */
class ValidationTest {

    private static void assertError(JavaFileObject source, String message, String line) {
        Compilation compilation = TestSources.compile(source);
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    }

    private static void assertErrorInHandler(String message, String line, String... body) {
        assertError(handler(body), message, line);
    }

    // --- paths and parameters

    @Test
    void malformedPath() {
        assertErrorInHandler("path \"api/x\" must start with '/'", "path = \"api/x\"",
                "    @Route(path = \"api/x\")",
                "    public void get(ServerResponse res) { }");
    }

    @Test
    void invalidPathParamRegex() {
        assertErrorInHandler("invalid regex \"[0-9\" for {id}", "/a/{id:[0-9}",
                "    @Route(path = \"/a/{id:[0-9}\")",
                "    public void get(@PathParam String id, ServerResponse res) { }");
    }

    @Test
    void samePathShapeAndMethodTwice() {
        assertErrorInHandler("GET /a/{y} is already handled by com.example.Handler#first", "\"/a/{y}\"",
                "    @Route(path = \"/a/{x}\")",
                "    public void first(@PathParam String x) { }",
                "    @Route(path = \"/a/{y}\", methods = {HttpMethod.POST, HttpMethod.GET})",
                "    public void second(@PathParam String y) { }");
    }

    @Test
    void sameShapeWithOtherMethodIsFine() {
        assertThat(TestSources.compile(handler(
                "    @Route(path = \"/a/{x}\")",
                "    public void first(@PathParam String x) { }",
                "    @Route(path = \"/a/{y}\", methods = HttpMethod.POST)",
                "    public void second(@PathParam String y) { }"))).succeeded();
    }

    @Test
    void duplicateRouteId() {
        assertErrorInHandler("route id \"same\" is already used by com.example.Handler#a", "\"/b\"",
                "    @Route(path = \"/a\", id = \"same\")",
                "    public void a() { }",
                "    @Route(path = \"/b\", id = \"same\")",
                "    public void b() { }");
    }

    @Test
    void invalidRouteId() {
        assertErrorInHandler("@Route(id = \"my route\") may only contain letters, digits", "my route",
                "    @Route(path = \"/a\", id = \"my route\")",
                "    public void a() { }");
    }

    @Test
    void templateParamWithoutHandlerParam() {
        assertErrorInHandler("path parameter {id} of \"/a/{id}\" has no handler parameter; add a parameter such as "
                + "@PathParam(\"id\") String id", "/a/{id}",
                "    @Route(path = \"/a/{id}\")",
                "    public void get(ServerResponse res) { }");
    }

    @Test
    void pathParamNamingNoTemplateParam() {
        assertErrorInHandler("@PathParam(\"idd\") names no parameter of path \"/a/{id}\" (it declares {id}); fix the name",
                "@PathParam(\"idd\")",
                "    @Route(path = \"/a/{id}\")",
                "    public void get(@PathParam String id,",
                "                    @PathParam(\"idd\") String other) { }");
    }

    @Test
    void parameterTheRoutingCannotSupply() {
        assertErrorInHandler("parameter 'body' of type java.lang.String is neither ServerRequest, ServerResponse nor a "
                + "@PathParam", "String body",
                "    @Route(path = \"/a\")",
                "    public void get(ServerRequest req,",
                "                    String body) { }");
    }

    @Test
    void unsupportedPathParamType() {
        assertErrorInHandler("@PathParam parameter 'id' has type double, which a path segment cannot be converted to; "
                + "use String, int, Integer, long, Long or java.util.UUID", "double id",
                "    @Route(path = \"/a/{id}\")",
                "    public void get(@PathParam double id) { }");
    }

    // --- handler methods and classes

    @Test
    void privateHandler() {
        assertErrorInHandler("handler method com.example.Handler#get is private", "private void get",
                "    @Route(path = \"/a\")",
                "    private void get() { }");
    }

    @Test
    void staticHandler() {
        assertErrorInHandler("is static; make it an instance method", "static void get",
                "    @Route(path = \"/a\")",
                "    public static void get() { }");
    }

    @Test
    void nonVoidHandler() {
        assertErrorInHandler("returns java.lang.String; make it return void", "String get()",
                "    @Route(path = \"/a\")",
                "    public String get() { return \"\"; }");
    }

    @Test
    void handlerClassNotAccessibleFromGeneratedPackage() {
        JavaFileObject a = source("com.example.a.A",
                "@Upstream(service = \"api-service\")",
                "class A {",
                "    @Route(path = \"/a\")",
                "    public void get() { }",
                "}");
        JavaFileObject b = source("com.example.b.B",
                "@Upstream(service = \"api-service\")",
                "public class B {",
                "    @Route(path = \"/b\")",
                "    void get() { }",
                "}");
        Compilation compilation = TestSources.compile(a, b);
        assertThat(compilation).hadErrorContaining("handler class com.example.a.A is not public, but the generated "
                + "com.example.ApiServiceRoutes is in another package; make the class public")
                .inFile(a).onLineContaining("class A");
        assertThat(compilation).hadErrorContaining("handler method com.example.b.B#get is not public")
                .inFile(b).onLineContaining("void get()");
    }

    @Test
    void packagePrivateHandlersInOnePackageAreFine() {
        JavaFileObject a = source("com.example.a.A",
                "@Upstream(service = \"api-service\")",
                "class A {",
                "    @Route(path = \"/a\")",
                "    void get() { }",
                "}");
        assertThat(TestSources.compile(a)).succeededWithoutWarnings();
    }

    @Test
    void noUpstreamAnywhere() {
        JavaFileObject lonely = source("com.example.Lonely",
                "public class Lonely {",
                "    @Route(path = \"/a\")",
                "    public void get() { }",
                "}");
        assertError(lonely, "class com.example.Lonely has @Route methods but no @Upstream on the class or its "
                + "packages; add @Upstream(service = \"...\", port = ...) to the class or its package-info.java",
                "public class Lonely");
    }

    @Test
    void conflictingUpstreamsOfOneService() {
        JavaFileObject a = source("com.example.A",
                "@Upstream(service = \"api-service\", port = 8080)",
                "public class A {",
                "    @Route(path = \"/a\")",
                "    public void get() { }",
                "}");
        JavaFileObject b = source("com.example.B",
                "@Upstream(service = \"api-service\", port = 9090)",
                "public class B {",
                "    @Route(path = \"/b\")",
                "    public void get() { }",
                "}");
        Compilation compilation = TestSources.compile(a, b);
        assertThat(compilation).hadErrorContaining("@Upstream of service \"api-service\" on com.example.B differs "
                + "from the one on com.example.A").inFile(b).onLineContaining("port = 9090");
    }

    @Test
    void upstreamSanity() {
        JavaFileObject bad = source("com.example.Bad",
                "@Upstream(service = \"Api_Service\",",
                "        port = 0,",
                "        keepalive = -1,",
                "        maxFails = -2,",
                "        failTimeout = \"ten\")",
                "public class Bad {",
                "    @Route(path = \"/a\")",
                "    public void get() { }",
                "}");
        Compilation compilation = TestSources.compile(bad);
        assertThat(compilation).hadErrorContaining("is not a Compose service name").inFile(bad).onLineContaining("Api_Service");
        assertThat(compilation).hadErrorContaining("@Upstream(port = 0) is not a TCP port; use 1 to 65535")
                .inFile(bad).onLineContaining("port = 0");
        assertThat(compilation).hadErrorContaining("@Upstream(keepalive = -1) is negative")
                .inFile(bad).onLineContaining("keepalive = -1");
        assertThat(compilation).hadErrorContaining("@Upstream(maxFails = -2) is negative")
                .inFile(bad).onLineContaining("maxFails = -2");
        assertThat(compilation).hadErrorContaining("\"ten\" is not a duration").inFile(bad).onLineContaining("\"ten\"");
        assertThat(compilation).hadErrorCount(5);
    }

    // --- policies

    @Test
    void cacheOnPost() {
        assertErrorInHandler("only GET and HEAD responses can be cached", "@Cache",
                "    @Route(path = \"/a\", methods = HttpMethod.POST)",
                "    @Cache",
                "    public void post() { }");
    }

    @Test
    void cacheOnAuthenticatedRouteWithoutPerCallerKey() {
        assertErrorInHandler("@Cache on an @Authenticated route would serve one caller's response to another; add "
                + "CacheKey.USER or CacheKey.AUTHORIZATION", "@Cache",
                "    @Route(path = \"/a\")",
                "    @Authenticated",
                "    @Cache",
                "    public void get() { }");
    }

    @Test
    void cacheOnClassLevelEdgeAuthRouteWithoutPerCallerKey() {
        JavaFileObject source = source("com.example.Secure",
                "@Upstream(service = \"api-service\")",
                "@EdgeAuth",
                "public class Secure {",
                "    @Route(path = \"/a\")",
                "    @Cache(key = {CacheKey.URI})",
                "    public void get() { }",
                "}");
        assertError(source, "@Cache on an @EdgeAuth route would serve", "CacheKey.URI");
    }

    @Test
    void userKeysWithoutEdgeAuth() {
        JavaFileObject source = handler(
                "    @Route(path = \"/a\")",
                "    @Cache(key = {CacheKey.USER})",
                "    public void a() { }",
                "    @Route(path = \"/b\")",
                "    @RateLimit(rate = \"1r/s\", key = RateLimitKey.USER)",
                "    public void b() { }");
        Compilation compilation = TestSources.compile(source);
        assertThat(compilation).hadErrorContaining("@Cache(key) uses CacheKey.USER but the route has no @EdgeAuth")
                .inFile(source).onLineContaining("CacheKey.USER");
        assertThat(compilation).hadErrorContaining("@RateLimit(key = RateLimitKey.USER) needs the user id from @EdgeAuth")
                .inFile(source).onLineContaining("RateLimitKey.USER");
    }

    @Test
    void hashByUserNeedsEdgeAuthOnEveryRoute() {
        JavaFileObject source = source("com.example.Sticky",
                "@Upstream(service = \"sticky\", balancing = Balancing.HASH, hashKey = HashKey.USER)",
                "public class Sticky {",
                "    @Route(path = \"/a\")",
                "    @EdgeAuth",
                "    public void a() { }",
                "    @Route(path = \"/b\")",
                "    public void b() { }",
                "}");
        Compilation compilation = TestSources.compile(source);
        assertThat(compilation).hadErrorContaining("balances by HashKey.USER, but route com.example.Sticky#b has no @EdgeAuth")
                .inFile(source).onLineContaining("\"/b\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void retryOnNonIdempotentRoute() {
        assertErrorInHandler("@Retry on a route accepting [POST], which is not idempotent", "@Retry",
                "    @Route(path = \"/a\", methods = HttpMethod.POST)",
                "    @Retry",
                "    public void post() { }");
    }

    @Test
    void retryWithOneAttempt() {
        assertErrorInHandler("@Retry(attempts = 1) counts the first attempt, so it never retries; use 2 or more",
                "attempts = 1",
                "    @Route(path = \"/a\")",
                "    @Retry(attempts = 1)",
                "    public void get() { }");
    }

    @Test
    void unparseableValues() {
        JavaFileObject source = handler(
                "    @Route(path = \"/a\")",
                "    @Timeouts(read = \"10 sec\")",
                "    @MaxBodySize(\"10mb\")",
                "    @RateLimit(rate = \"10/s\")",
                "    @Cache(keyHeaders = \"Bad Header\",",
                "           bypassQueryParams = \"no-cache\")",
                "    @Cors(origins = \"app.example.com\")",
                "    public void get() { }");
        Compilation compilation = TestSources.compile(source);
        assertThat(compilation).hadErrorContaining("@Timeouts(read): \"10 sec\" is not a duration")
                .inFile(source).onLineContaining("10 sec");
        assertThat(compilation).hadErrorContaining("@MaxBodySize: \"10mb\" is not a size").inFile(source).onLineContaining("10mb");
        assertThat(compilation).hadErrorContaining("@RateLimit(rate): \"10/s\" is not a rate").inFile(source).onLineContaining("10/s");
        assertThat(compilation).hadErrorContaining("@Cache(keyHeaders): \"Bad Header\" is not a header name")
                .inFile(source).onLineContaining("Bad Header");
        assertThat(compilation).hadErrorContaining("@Cache(bypassQueryParams): \"no-cache\" is not a query parameter")
                .inFile(source).onLineContaining("no-cache");
        assertThat(compilation).hadErrorContaining("@Cors(origins): \"app.example.com\" is not an origin")
                .inFile(source).onLineContaining("app.example.com");
        assertThat(compilation).hadErrorCount(6);
    }

    @Test
    void classLevelValuesAreCheckedOnTheClass() {
        JavaFileObject source = source("com.example.Slow",
                "@Upstream(service = \"api-service\")",
                "@Timeouts(send = \"forever\")",
                "public class Slow {",
                "    @Route(path = \"/a\")",
                "    public void a() { }",
                "    @Route(path = \"/b\")",
                "    public void b() { }",
                "}");
        Compilation compilation = TestSources.compile(source);
        assertThat(compilation).hadErrorContaining("@Timeouts(send): \"forever\" is not a duration")
                .inFile(source).onLineContaining("forever");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void corsAnyOriginWithCredentials() {
        assertErrorInHandler("@Cors allows origin \"*\" with credentials = true, which browsers reject", "credentials = true",
                "    @Route(path = \"/a\")",
                "    @Cors(origins = \"*\",",
                "          credentials = true)",
                "    public void get() { }");
    }

    @Test
    void connectTimeoutAbove75Seconds() {
        assertErrorInHandler("@Timeouts(connect = \"90s\") is longer than 75s", "90s",
                "    @Route(path = \"/a\")",
                "    @Timeouts(connect = \"90s\")",
                "    public void get() { }");
    }

    // --- streaming, verifier, methods

    @Test
    void streamingOnPost() {
        assertErrorInHandler("@Streaming on a route accepting [POST]; streams are opened with GET", "@Streaming",
                "    @Route(path = \"/a\", methods = HttpMethod.POST)",
                "    @Streaming(StreamingMode.SSE)",
                "    public void post() { }");
    }

    @Test
    void websocketIsRefused() {
        assertErrorInHandler("@Streaming(StreamingMode.WEBSOCKET) cannot be served by the generated Helidon routing in "
                + "this build: helidon-webserver-websocket 4.1.7 is not available", "StreamingMode.WEBSOCKET",
                "    @Route(path = \"/a\")",
                "    @Streaming(StreamingMode.WEBSOCKET)",
                "    public void ws() { }");
    }

    @Test
    void streamingWithCache() {
        assertErrorInHandler("@Streaming together with @Cache: a stream cannot be cached", "@Streaming",
                "    @Route(path = \"/a\")",
                "    @Cache",
                "    @Streaming(StreamingMode.SSE)",
                "    public void events() { }");
    }

    @Test
    void verifierMustBeInternal() {
        assertErrorInHandler("the @EdgeAuthVerifier route must be internal and accept GET", "@EdgeAuthVerifier",
                "    @Route(path = \"/verify\")",
                "    @EdgeAuthVerifier",
                "    public void verify() { }");
    }

    @Test
    void atMostOneVerifier() {
        JavaFileObject source = handler(
                "    @Route(path = \"/v1\", visibility = Visibility.INTERNAL)",
                "    @EdgeAuthVerifier",
                "    public void v1() { }",
                "    @Route(path = \"/v2\", visibility = Visibility.INTERNAL)",
                "    @EdgeAuthVerifier // second",
                "    public void v2() { }");
        Compilation compilation = TestSources.compile(source);
        assertThat(compilation).hadErrorContaining("only one @EdgeAuthVerifier is allowed, and com.example.Handler#v1 "
                + "already is one").inFile(source).onLineContaining("second");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void noMethods() {
        assertErrorInHandler("@Route(methods = {}) accepts no HTTP method", "methods = {}",
                "    @Route(path = \"/a\", methods = {})",
                "    public void none() { }");
    }

    @Test
    void duplicateMethods() {
        assertErrorInHandler("@Route lists GET more than once", "HttpMethod.GET, HttpMethod.GET",
                "    @Route(path = \"/a\", methods = {HttpMethod.GET, HttpMethod.GET})",
                "    public void twice() { }");
    }

    @Test
    void allProblemsAreReportedTogether() {
        JavaFileObject source = handler(
                "    @Route(path = \"a\")",
                "    public void one() { }",
                "    @Route(path = \"/b\", methods = HttpMethod.POST)",
                "    @Retry",
                "    public void two() { }",
                "    @Route(path = \"/c\")",
                "    public int three() { return 0; }");
        assertThat(TestSources.compile(source)).hadErrorCount(3);
    }
    @Test
    void sloValuesAreCheckedEachOnItsAttribute() {
        JavaFileObject source = handler(
                "    @Route(path = \"/a\")",
                "    @Slo(availability = \"100%\",",
                "         latency = \"350ms\",",
                "         percentile = 100)",
                "    public void get() { }");
        Compilation compilation = TestSources.compile(source);
        assertThat(compilation).hadErrorContaining("@Slo(availability): \"100%\" is not a percentage below 100")
                .inFile(source).onLineContaining("100%");
        assertThat(compilation).hadErrorContaining("@Slo(latency): \"350ms\" is not a bound of the latency histogram")
                .inFile(source).onLineContaining("350ms");
        assertThat(compilation).hadErrorContaining("@Slo(percentile): 100 is not a percentile from 1 to 99")
                .inFile(source).onLineContaining("percentile = 100");
    }

    @Test
    void sloOnAnInternalRouteMeasuresNothing() {
        assertErrorInHandler("@Slo on an INTERNAL route: the gateway never routes it", "@Slo",
                "    @Route(path = \"/a\", visibility = Visibility.INTERNAL)",
                "    @Slo",
                "    public void get() { }");
    }
}
