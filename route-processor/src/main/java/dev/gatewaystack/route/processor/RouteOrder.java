package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.model.PathTemplate;

import java.util.Comparator;
import java.util.List;

/** Most specific route first, as Helidon registration and the gateway both need; ties keep declaration order. */
final class RouteOrder {
    private RouteOrder() {
    }

    /** Compares the templates parsed once by the reader (never re-parsed per comparison). */
    private static final Comparator<RouteModel> SPECIFICITY = (a, b) -> PathTemplate.compareSpecificity(
            a.template(), a.spec().match(), b.template(), b.spec().match());

    /** Only for routes whose paths parse (services without errors). */
    static List<RouteModel> sort(List<RouteModel> routes) {
        return routes.stream().sorted(SPECIFICITY).toList();
    }
}
