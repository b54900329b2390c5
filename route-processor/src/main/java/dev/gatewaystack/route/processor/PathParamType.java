package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.model.PathParamSpec;
import dev.gatewaystack.route.model.RoutingEntry;

import java.util.Optional;

/** Java types a {@code @PathParam} may have, with how the generated code converts the path text. */
enum PathParamType {
    STRING("java.lang.String", "string", null, RoutingEntry.Kind.STRING),
    INT("int", "integer", "int32", RoutingEntry.Kind.INT),
    INTEGER("java.lang.Integer", "integer", "int32", RoutingEntry.Kind.INTEGER),
    LONG("long", "integer", "int64", RoutingEntry.Kind.LONG),
    LONG_BOXED("java.lang.Long", "integer", "int64", RoutingEntry.Kind.LONG_BOXED),
    UUID("java.util.UUID", "string", "uuid", RoutingEntry.Kind.UUID);

    static final String SUPPORTED = "String, int, Integer, long, Long or java.util.UUID";

    private final String javaType;
    private final String jsonType;
    private final String format;
    private final RoutingEntry.Kind kind;

    PathParamType(String javaType, String jsonType, String format, RoutingEntry.Kind kind) {
        this.javaType = javaType;
        this.jsonType = jsonType;
        this.format = format;
        this.kind = kind;
    }

    /** The manifest's description of a parameter of this type (JSON Schema type and format). */
    PathParamSpec spec(String name) {
        return new PathParamSpec(name, jsonType, format);
    }

    /** How the routing table names this type (the generated routing converts the path text to it). */
    RoutingEntry.Kind kind() {
        return kind;
    }

    static Optional<PathParamType> of(String javaType) {
        for (PathParamType t : values()) {
            if (t.javaType.equals(javaType)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
