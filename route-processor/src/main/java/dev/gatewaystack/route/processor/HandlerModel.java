package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.model.UpstreamSpec;
import dev.gatewaystack.route.processor.policy.Declared;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * A handler class and its routes. {@code service}, {@code upstream} and {@code upstreamElement} (the class or
 * package carrying the {@code @Upstream}) are null when no {@code @Upstream} was found. {@code defaults} are the
 * policies declared on the class, read once and applied to every route that does not declare its own.
 */
record HandlerModel(TypeElement type,
                    String service,
                    UpstreamSpec upstream,
                    Element upstreamElement,
                    List<Declared<?>> defaults,
                    List<RouteModel> routes) {
    HandlerModel {
        defaults = List.copyOf(defaults);
        routes = List.copyOf(routes);
    }

    String qualifiedName() {
        return type.getQualifiedName().toString();
    }
}
