package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;

import java.util.Comparator;
import java.util.List;

/** Most specific route first, as Helidon registration and the gateway both need; ties keep declaration order. */
final class RouteOrder {
    private RouteOrder() {
    }

    static final Comparator<RouteSpec> SPECIFICITY = (a, b) ->
            PathTemplate.compareSpecificity(a.template(), a.match(), b.template(), b.match());

    static List<RouteModel> sort(List<RouteModel> routes) {
        return routes.stream().sorted(Comparator.comparing(RouteModel::spec, SPECIFICITY)).toList();
    }
}
