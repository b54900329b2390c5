package dev.gatewaystack.route.processor;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.tools.JavaFileObject;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.gatewaystack.route.processor.JavaFileObjectsHelper.packageInfo;
import static dev.gatewaystack.route.processor.TestSources.handler;
import static dev.gatewaystack.route.processor.TestSources.source;

/** A route annotation nothing reads is a compile error on that annotation, saying both fixes. */
class StrayAnnotationTest {

    /** Every policy of the registry, written on a method of a handler class that lacks @Route. */
    @ParameterizedTest
    @ValueSource(strings = {"@Authenticated", "@EdgeAuth", "@EdgeAuthVerifier", "@Idempotent", "@Cache",
            "@RateLimit(rate = \"1r/s\")", "@MaxBodySize(\"1k\")", "@Timeouts(read = \"5s\")",
            "@Cors(origins = \"*\")", "@Streaming(StreamingMode.SSE)", "@Retry",
            "@Body(response = String.class)", "@Slo"})
    void policyOnAMethodWithoutRoute(String annotation) {
        String name = annotation.replaceAll("\\(.*", "");
        JavaFileObject source = handler(
                "    @Route(path = \"/a\")",
                "    public void a() { }",
                "    " + annotation,
                "    public void foo() { }");
        Compilation compilation = TestSources.compile(source);
        assertThat(compilation).hadErrorContaining(name + " on method foo() without @Route is ignored: add "
                + "@Route(...) or remove " + name).inFile(source).onLineContaining(annotation);
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void invalidValuesOnAStrayAnnotationFailTheBuildToo() {
        JavaFileObject source = source("com.example.Helper",
                "public class Helper {",
                "    @Cache(success = \"not-a-duration\")",
                "    public void foo() { }",
                "}");
        assertThat(TestSources.compile(source)).hadErrorContaining("@Cache on method foo() without @Route is "
                + "ignored: add @Route(...) or remove @Cache").inFile(source).onLineContaining("not-a-duration");
    }

    @Test
    void classLevelPolicyOnAClassWithoutRoutes() {
        JavaFileObject source = source("com.example.Helper",
                "@Cors(origins = \"https://app.example.com\")",
                "public class Helper {",
                "    public void foo() { }",
                "}");
        assertThat(TestSources.compile(source)).hadErrorContaining("@Cors on class com.example.Helper, which has "
                + "no @Route methods, is ignored").inFile(source).onLineContaining("@Cors");
    }

    @Test
    void classLevelPolicyDoesNotReachNestedClasses() {
        JavaFileObject source = handler(
                "    @Timeouts(read = \"5s\")",
                "    public static class Inner { }",
                "    @Route(path = \"/a\")",
                "    public void a() { }");
        assertThat(TestSources.compile(source)).hadErrorContaining("@Timeouts on class com.example.Handler.Inner, "
                + "which has no @Route methods, is ignored").inFile(source).onLineContaining("@Timeouts");
    }

    @Test
    void pathParamOnAMethodWithoutRoute() {
        JavaFileObject source = handler(
                "    @Route(path = \"/a\")",
                "    public void a() { }",
                "    public void foo(@PathParam(\"id\") String id) { }");
        assertThat(TestSources.compile(source)).hadErrorContaining("@PathParam on parameter 'id' of method foo() "
                + "without @Route is ignored: add @Route(...) to foo(...) or remove @PathParam")
                .inFile(source).onLineContaining("@PathParam");
    }

    @Test
    void upstreamOnAPackageWithoutRoutes() {
        JavaFileObject info = packageInfo("com.example.empty", "@dev.gatewaystack.route.Upstream(service = \"x\")");
        JavaFileObject other = handler(
                "    @Route(path = \"/a\")",
                "    public void a() { }");
        assertThat(TestSources.compile(info, other)).hadErrorContaining("@Upstream on package com.example.empty "
                + "(package-info.java) is ignored: no @Route method of this compilation is in it or its subpackages")
                .inFile(info).onLineContaining("@dev.gatewaystack.route.Upstream");
    }

    @Test
    void aPackageUpstreamCompiledWithoutAnyRouteIsNotJudged() {
        // e.g. an IDE recompiling package-info.java alone: its routes are in classes compiled earlier
        JavaFileObject info = packageInfo("com.example.svc", "@dev.gatewaystack.route.Upstream(service = \"svc\")");
        assertThat(TestSources.compile(info)).succeeded();
    }

    @Test
    void upstreamOnAClassWithoutRoutes() {
        JavaFileObject source = source("com.example.Config",
                "@Upstream(service = \"x\")",
                "public class Config { }");
        assertThat(TestSources.compile(source)).hadErrorContaining("@Upstream on class com.example.Config is "
                + "ignored").inFile(source).onLineContaining("@Upstream");
    }

    @Test
    void usedDeclarationsAreNotStray() {
        JavaFileObject info = packageInfo("com.example.svc", "@dev.gatewaystack.route.Upstream(service = \"svc\")");
        JavaFileObject handler = source("com.example.svc.web.Handler",
                "@Timeouts(read = \"5s\")",
                "public class Handler {",
                "    @Route(path = \"/a/{id}\")",
                "    @Cache",
                "    public void a(@PathParam String id) { }",
                "}");
        assertThat(TestSources.compile(info, handler)).succeededWithoutWarnings();
    }
}
