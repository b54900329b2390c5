package dev.gatewaystack.gateway;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.model.RouteSpec;

import java.util.List;
import java.util.Set;

/** Test routes: the model's own builder with the processor's defaults (GET unless given; GET/HEAD/OPTIONS idempotent). */
final class RouteBuilder {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private RouteBuilder() {
    }

    static RouteSpec.Builder route(String id, String handler, String path, HttpMethod... methods) {
        List<HttpMethod> m = methods.length > 0 ? List.of(methods) : List.of(HttpMethod.GET);
        return RouteSpec.builder(id, handler, path).methods(m).idempotent(SAFE.containsAll(m));
    }
}
