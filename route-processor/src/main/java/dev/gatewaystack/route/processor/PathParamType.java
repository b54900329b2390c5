package dev.gatewaystack.route.processor;

import java.util.Optional;

/** Java types a {@code @PathParam} may have, with how the generated code converts the path text. */
enum PathParamType {
    STRING("java.lang.String"),
    INT("int"),
    INTEGER("java.lang.Integer"),
    LONG("long"),
    LONG_BOXED("java.lang.Long"),
    UUID("java.util.UUID");

    static final String SUPPORTED = "String, int, Integer, long, Long or java.util.UUID";

    private final String javaType;

    PathParamType(String javaType) {
        this.javaType = javaType;
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
