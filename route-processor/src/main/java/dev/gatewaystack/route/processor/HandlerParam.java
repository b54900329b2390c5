package dev.gatewaystack.route.processor;

import javax.lang.model.element.VariableElement;

/** What one handler method parameter is bound to, in declaration order. */
sealed interface HandlerParam {
    VariableElement element();

    /** The {@code ServerRequest}. */
    record Request(VariableElement element) implements HandlerParam {
    }

    /** The {@code ServerResponse}. */
    record Response(VariableElement element) implements HandlerParam {
    }

    /** A {@code @PathParam}; {@code type} is null when the Java type {@code javaType} cannot be converted to. */
    record Path(VariableElement element, String name, PathParamType type, String javaType) implements HandlerParam {
    }

    /** A parameter the routing cannot supply (an error). */
    record Unbound(VariableElement element, String javaType) implements HandlerParam {
    }
}
