package dev.gatewaystack.route.processor;

import com.google.testing.compile.Compilation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads the classes and resources of a compile-testing compilation from its in-memory CLASS_OUTPUT. */
final class GeneratedClassLoader extends ClassLoader {
    private static final String PREFIX = "/CLASS_OUTPUT/";
    private final Map<String, byte[]> classes = new HashMap<>();
    private final Map<String, byte[]> resources = new HashMap<>();

    GeneratedClassLoader(Compilation compilation, ClassLoader parent) {
        super(parent);
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            if (!path.startsWith(PREFIX)) {
                continue;
            }
            try (InputStream in = file.openInputStream()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS) {
                    String name = path.substring(PREFIX.length(), path.length() - ".class".length()).replace('/', '.');
                    classes.put(name, in.readAllBytes());
                } else {
                    resources.put(path.substring(PREFIX.length()), in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] bytes = resources.get(name);
        return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }
}
