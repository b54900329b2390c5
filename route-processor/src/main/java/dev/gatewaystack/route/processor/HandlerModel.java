package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.model.UpstreamSpec;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * A handler class and its routes. {@code service}, {@code upstream} and {@code upstreamElement} (the class or
 * package carrying the {@code @Upstream}) are null when no {@code @Upstream} was found.
 */
record HandlerModel(TypeElement type,
                    String service,
                    UpstreamSpec upstream,
                    Element upstreamElement,
                    List<RouteModel> routes) {
    HandlerModel {
        routes = List.copyOf(routes);
    }

    String qualifiedName() {
        return type.getQualifiedName().toString();
    }
}
