package dev.gatewaystack.route.model;

import java.util.Arrays;
import java.util.List;

/**
 * One registration of a service's generated routing: the route, the Helidon path matcher, and the handler method
 * with what each of its parameters is bound to. The route processor writes a service's entries, most specific route
 * first, to {@code META-INF/gateway/<service>.routing} (one {@link #toLine() line} each); the service's generated
 * {@code <Service>Routes} registers them at start-up. A text table rather than generated Java per route: javac
 * compiles it for free (see scripts/bench-processor.sh).
 *
 * @param routeId       the manifest route's id
 * @param methods       HTTP method names registered for this route (HEAD included where the route answers it)
 * @param exact         {@code true} for an exact path, {@code false} for a Helidon path pattern
 * @param path          the exact path or the Helidon pattern
 * @param handlerClass  the handler class's binary name
 * @param handlerMethod the handler method's name
 * @param arguments     the handler method's parameters, in declaration order
 */
public record RoutingEntry(String routeId, List<String> methods, boolean exact, String path, String handlerClass,
                           String handlerMethod, List<Argument> arguments) {
    private static final String FIELD = "\t";
    private static final String LIST = ",";

    public RoutingEntry {
        methods = List.copyOf(methods);
        arguments = List.copyOf(arguments);
    }

    /** Where a service's routing table is on the classpath. */
    public static String resource(String service) {
        return ManifestFiles.DIRECTORY + service + ".routing";
    }

    /** What a handler parameter receives; path parameters are converted from the path text to their Java type. */
    public enum Kind {
        REQUEST, RESPONSE, STRING, INT, INTEGER, LONG, LONG_BOXED, UUID
    }

    /** A handler parameter: the request, the response, or the path parameter {@code name} as {@code kind}. */
    public record Argument(Kind kind, String name) {
        public static final Argument REQUEST = new Argument(Kind.REQUEST, "");
        public static final Argument RESPONSE = new Argument(Kind.RESPONSE, "");

        public static Argument path(Kind kind, String name) {
            return new Argument(kind, name);
        }

        String text() {
            return name.isEmpty() ? kind.name() : kind.name() + ":" + name;
        }

        static Argument parse(String text) {
            int colon = text.indexOf(':');
            return colon < 0 ? new Argument(Kind.valueOf(text), "")
                    : new Argument(Kind.valueOf(text.substring(0, colon)), text.substring(colon + 1));
        }
    }

    /** Tab-separated; no field can hold a tab (route ids, paths, Java names and methods are validated first). */
    public String toLine() {
        StringBuilder args = new StringBuilder(); // a loop, not a stream: written per route inside javac
        for (Argument a : arguments) {
            args.append(args.isEmpty() ? "" : LIST).append(a.text());
        }
        return String.join(FIELD, routeId, String.join(LIST, methods), exact ? "exact" : "pattern", path,
                handlerClass, handlerMethod, args);
    }

    public static RoutingEntry parse(String line) {
        String[] f = line.split(FIELD, -1);
        if (f.length != 7 || !(f[2].equals("exact") || f[2].equals("pattern"))) {
            throw new IllegalArgumentException("not a routing table line (7 tab-separated fields): " + line);
        }
        List<Argument> arguments = f[6].isEmpty() ? List.of()
                : Arrays.stream(f[6].split(LIST)).map(Argument::parse).toList();
        return new RoutingEntry(f[0], List.of(f[1].split(LIST)), f[2].equals("exact"), f[3], f[4], f[5], arguments);
    }
}
