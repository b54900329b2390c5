package dev.gatewaystack.route.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;

import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

import static com.google.testing.compile.Compiler.javac;

/** Builds handler sources for compile-testing and runs the processor on them. */
final class TestSources {
    private static final List<String> IMPORTS = List.of(
            "import dev.gatewaystack.route.*;",
            "import io.helidon.webserver.http.ServerRequest;",
            "import io.helidon.webserver.http.ServerResponse;");

    private TestSources() {
    }

    /** A source file {@code qualifiedName} with the route vocabulary and Helidon request/response imported. */
    static JavaFileObject source(String qualifiedName, String... lines) {
        int dot = qualifiedName.lastIndexOf('.');
        List<String> all = new ArrayList<>();
        if (dot > 0) {
            all.add("package " + qualifiedName.substring(0, dot) + ";");
        }
        all.addAll(IMPORTS);
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines(qualifiedName, all);
    }

    /** {@code com.example.Handler}, a public class of service "api-service" with the given body. */
    static JavaFileObject handler(String... body) {
        List<String> lines = new ArrayList<>();
        lines.add("@Upstream(service = \"api-service\")");
        lines.add("public class Handler {");
        lines.addAll(List.of(body));
        lines.add("}");
        return source("com.example.Handler", lines.toArray(String[]::new));
    }

    static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new RouteProcessor()).compile(sources);
    }
}
