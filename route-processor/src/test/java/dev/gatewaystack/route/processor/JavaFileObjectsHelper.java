package dev.gatewaystack.route.processor;

import com.google.testing.compile.JavaFileObjects;

import javax.tools.JavaFileObject;

/** Sources that {@link TestSources} does not shape like a handler class. */
final class JavaFileObjectsHelper {
    private JavaFileObjectsHelper() {
    }

    static JavaFileObject packageInfo(String pkg, String annotation) {
        return JavaFileObjects.forSourceLines(pkg + ".package-info", annotation, "package " + pkg + ";");
    }
}
