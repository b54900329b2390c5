package dev.gatewaystack.support.routing;

import dev.gatewaystack.route.model.RoutingEntry;
import io.helidon.http.BadRequestException;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Registers a service's annotated routes from its routing table ({@link RoutingEntry}), which the route processor
 * writes next to the generated {@code <Service>Routes}; that class calls {@link #register} with its own lookup, so a
 * handler method is reachable exactly when generated code in the same package could call it. Every handler method is
 * bound once, at registration; a request costs one method handle call.
 */
public final class GeneratedRouting {
    private GeneratedRouting() {
    }

    /**
     * Registers every route of {@code service} on {@code rules}, calling the handler instance among {@code handlers}
     * whose class declares the route's method.
     */
    public static void register(HttpRules rules, MethodHandles.Lookup lookup, String service, Object... handlers) {
        for (RoutingEntry entry : entries(lookup.lookupClass().getClassLoader(), service)) {
            Handler handler = bind(lookup, entry, handlers);
            PathMatcher matcher = entry.exact() ? PathMatchers.exact(entry.path()) : PathMatchers.create(entry.path());
            for (String method : entry.methods()) {
                rules.route(Method.create(method), matcher, handler);
            }
        }
    }

    static List<RoutingEntry> entries(ClassLoader loader, String service) {
        String resource = RoutingEntry.resource(service);
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath; the route processor writes it"
                        + " with the generated routing: rebuild the service (./mvnw package)");
            }
            List<RoutingEntry> entries = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty()) {
                    entries.add(RoutingEntry.parse(line));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static Handler bind(MethodHandles.Lookup lookup, RoutingEntry entry, Object[] handlers) {
        List<RoutingEntry.Argument> arguments = entry.arguments();
        Class<?>[] types = arguments.stream().map(a -> javaType(a.kind())).toArray(Class<?>[]::new);
        try {
            Class<?> type = lookup.findClass(entry.handlerClass());
            Object target = instanceOf(type, handlers, entry);
            MethodHandle call = lookup.unreflect(type.getDeclaredMethod(entry.handlerMethod(), types)).bindTo(target)
                    .asSpreader(Object[].class, types.length)
                    .asType(MethodType.methodType(void.class, Object[].class));
            Argument[] sources = arguments.stream().map(GeneratedRouting::source).toArray(Argument[]::new);
            return (req, res) -> {
                Object[] values = new Object[sources.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = sources[i].value(req, res);
                }
                invoke(call, values);
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("route " + entry.routeId() + ": cannot bind " + entry.handlerClass() + "#"
                    + entry.handlerMethod() + " (" + e + "); the routing table does not match the compiled handler,"
                    + " rebuild the service (./mvnw package)", e);
        }
    }

    private static Object instanceOf(Class<?> type, Object[] handlers, RoutingEntry entry) {
        for (Object h : handlers) {
            if (type.isInstance(h)) {
                return h;
            }
        }
        throw new IllegalStateException("route " + entry.routeId() + ": no handler instance of " + type.getName()
                + " was passed to the generated routing");
    }

    private static void invoke(MethodHandle call, Object[] values) throws Exception {
        try {
            call.invokeExact(values);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }

    /** Where one handler argument comes from. */
    private interface Argument {
        Object value(ServerRequest req, ServerResponse res);
    }

    private static Argument source(RoutingEntry.Argument argument) {
        String name = argument.name();
        return switch (argument.kind()) {
            case REQUEST -> (req, res) -> req;
            case RESPONSE -> (req, res) -> res;
            case STRING -> (req, res) -> req.path().pathParameters().get(name);
            case INT, INTEGER -> (req, res) -> parse(req, name, "a whole number", Integer::valueOf);
            case LONG, LONG_BOXED -> (req, res) -> parse(req, name, "a whole number", Long::valueOf);
            case UUID -> (req, res) -> parse(req, name, "a UUID", UUID::fromString);
        };
    }

    private static Object parse(ServerRequest req, String name, String what,
                                java.util.function.Function<String, Object> parser) {
        String value = req.path().pathParameters().get(name);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("path parameter '" + name + "' must be " + what);
        }
    }

    private static Class<?> javaType(RoutingEntry.Kind kind) {
        return switch (kind) {
            case REQUEST -> ServerRequest.class;
            case RESPONSE -> ServerResponse.class;
            case STRING -> String.class;
            case INT -> int.class;
            case INTEGER -> Integer.class;
            case LONG -> long.class;
            case LONG_BOXED -> Long.class;
            case UUID -> UUID.class;
        };
    }
}
