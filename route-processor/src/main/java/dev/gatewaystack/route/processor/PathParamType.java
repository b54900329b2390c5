package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.model.PathParamSpec;

import java.util.Optional;

/** Java types a {@code @PathParam} may have, with how the generated code converts the path text. */
enum PathParamType {
    STRING("java.lang.String", "string", null),
    INT("int", "integer", "int32"),
    INTEGER("java.lang.Integer", "integer", "int32"),
    LONG("long", "integer", "int64"),
    LONG_BOXED("java.lang.Long", "integer", "int64"),
    UUID("java.util.UUID", "string", "uuid");

    static final String SUPPORTED = "String, int, Integer, long, Long or java.util.UUID";

    private final String javaType;
    private final String jsonType;
    private final String format;

    PathParamType(String javaType, String jsonType, String format) {
        this.javaType = javaType;
        this.jsonType = jsonType;
        this.format = format;
    }

    /** The manifest's description of a parameter of this type (JSON Schema type and format). */
    PathParamSpec spec(String name) {
        return new PathParamSpec(name, jsonType, format);
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
