package dev.gatewaystack.gateway.plan;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.ServiceManifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds what one gateway cannot route unambiguously across services. Conflicts inside one service are the route
 * processor's business (it sees the Java source); here every message names both services and both handlers.
 */
final class ConflictDetector {
    private ConflictDetector() {
    }

    static List<String> find(List<ServiceManifest> manifests, List<PlannedRoute> routes) {
        List<String> conflicts = new ArrayList<>();
        duplicateServices(manifests, conflicts);
        duplicateIds(routes, conflicts);
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                PlannedRoute a = routes.get(i);
                PlannedRoute b = routes.get(j);
                if (!a.service().equals(b.service())) {
                    pair(a, b).ifPresent(conflicts::add);
                }
            }
        }
        edgeAuth(routes, conflicts);
        return conflicts;
    }

    private static void duplicateServices(List<ServiceManifest> manifests, List<String> conflicts) {
        Map<String, Integer> count = new HashMap<>();
        manifests.forEach(m -> count.merge(m.service(), 1, Integer::sum));
        count.forEach((service, n) -> {
            if (n > 1) {
                String handlers = String.join(", ", manifests.stream().filter(m -> m.service().equals(service))
                        .map(m -> m.routes().isEmpty() ? "(no routes)" : m.routes().get(0).handler()).toList());
                conflicts.add("service name \"" + service + "\" is declared by " + n + " manifests (handlers "
                        + handlers + "); give each module its own @Upstream(service = ...) name");
            }
        });
    }

    private static void duplicateIds(List<PlannedRoute> routes, List<String> conflicts) {
        Map<String, PlannedRoute> seen = new HashMap<>();
        for (PlannedRoute r : routes) {
            PlannedRoute first = seen.putIfAbsent(r.id(), r);
            if (first != null && !first.service().equals(r.service())) {
                conflicts.add("route id \"" + r.id() + "\" is used by service " + first.service() + " ("
                        + first.spec().handler() + ") and service " + r.service() + " (" + r.spec().handler()
                        + "); give one of them another @Route(id = ...)");
            }
        }
    }

    private static java.util.Optional<String> pair(PlannedRoute a, PlannedRoute b) {
        boolean methodsMeet = a.methods().stream().anyMatch(b.methods()::contains);
        boolean sameShape = a.template().shape().equals(b.template().shape()) && a.match() == b.match();
        if (sameShape && methodsMeet) {
            return java.util.Optional.of("duplicate route: " + common(a, b) + " " + a.describePath()
                    + " is claimed by " + who(a) + " and by " + who(b)
                    + "; remove one of them, or give them different paths or disjoint methods");
        }
        boolean overlap = a.template().overlaps(a.match(), b.template(), b.match());
        if (overlap && (a.match() == Match.PREFIX || b.match() == Match.PREFIX)) {
            PlannedRoute prefix = a.match() == Match.PREFIX ? a : b;
            PlannedRoute other = prefix == a ? b : a;
            return java.util.Optional.of("prefix route " + prefix.describePath() + " of " + who(prefix)
                    + " shadows " + other.describePath() + " of " + who(other)
                    + "; a PREFIX route must own its whole subtree: narrow the prefix or move one route under "
                    + "another path");
        }
        if (overlap && methodsMeet) {
            return java.util.Optional.of("ambiguous routes: " + common(a, b) + " requests can match both "
                    + a.describePath() + " of " + who(a) + " and " + b.describePath() + " of " + who(b)
                    + "; make the paths disjoint (a literal segment or a {param:regex} that excludes the other) "
                    + "or give them disjoint methods");
        }
        return java.util.Optional.empty();
    }

    private static String common(PlannedRoute a, PlannedRoute b) {
        return String.join(",", a.methods().stream().filter(b.methods()::contains).map(HttpMethod::name).toList());
    }

    private static String who(PlannedRoute r) {
        return "service " + r.service() + " (" + r.spec().handler() + ")";
    }

    private static void edgeAuth(List<PlannedRoute> routes, List<String> conflicts) {
        List<PlannedRoute> verifiers = routes.stream().filter(r -> r.spec().edgeAuthVerifier()).toList();
        List<PlannedRoute> protectedRoutes = routes.stream().filter(r -> r.spec().edgeAuth() != null).toList();
        if (verifiers.isEmpty() && !protectedRoutes.isEmpty()) {
            conflicts.add("@EdgeAuth routes (" + String.join(", ", protectedRoutes.stream()
                    .map(r -> r.spec().handler() + " of service " + r.service()).toList())
                    + ") need a verifier, but no service has an @EdgeAuthVerifier route; add one "
                    + "(an internal GET route answering 200/401/403)");
        }
        if (verifiers.size() > 1) {
            conflicts.add("more than one @EdgeAuthVerifier route: " + String.join(" and ", verifiers.stream()
                    .map(ConflictDetector::who).toList()) + "; keep exactly one in the whole stack");
        }
        for (PlannedRoute v : verifiers) {
            if (v.template().hasParams() || v.match() != Match.EXACT || !v.methods().contains(HttpMethod.GET)) {
                conflicts.add("@EdgeAuthVerifier route " + v.describePath() + " of " + who(v)
                        + " must be an EXACT GET route on a literal path (the gateway calls it for every request)");
            }
        }
    }
}
