package dev.gatewaystack.gateway.plan;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.model.InvalidPathException;
import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The gateway's routing decisions for a set of service manifests: validated (no cross-service conflicts), one
 * location per distinct path shape and match, and per location which route answers which method.
 *
 * <p>Method dispatch mirrors Helidon: the location's own routes answer the methods they declare; any other method
 * goes to the most specific other route whose template covers the location and accepts the method; the rest is 405.
 */
public final class RoutePlan {
    private final List<ServiceManifest> services;
    private final List<PlannedRoute> routes;
    private final List<LocationPlan> locations;
    /** Location index → the route it serves in place (see {@link #servedInPlace}); decided once per plan. */
    private final Map<Integer, PlannedRoute> inPlace;

    private RoutePlan(List<ServiceManifest> services, List<PlannedRoute> routes, List<LocationPlan> locations) {
        this.services = services;
        this.routes = routes;
        this.locations = locations;
        this.inPlace = inPlace(locations);
    }

    /**
     * Validates and plans the manifests.
     *
     * @throws RouteConflictException listing every conflict found, each naming both services and handlers
     */
    public static RoutePlan of(List<ServiceManifest> manifests) {
        List<String> problems = new ArrayList<>();
        List<PlannedRoute> routes = new ArrayList<>();
        for (ServiceManifest m : manifests) {
            for (RouteSpec r : m.routes()) {
                try {
                    routes.add(PlannedRoute.of(m.service(), r));
                } catch (InvalidPathException e) {
                    problems.add("route " + r.id() + " (" + r.handler() + ") of service " + m.service() + ": "
                            + e.getMessage());
                }
            }
        }
        problems.addAll(ConflictDetector.find(manifests, routes));
        if (!problems.isEmpty()) {
            throw new RouteConflictException(problems);
        }
        return new RoutePlan(List.copyOf(manifests), List.copyOf(routes), plan(routes));
    }

    /** The manifest of a planned service. */
    public ServiceManifest service(String name) {
        return services.stream().filter(m -> m.service().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in this plan"));
    }

    private static List<LocationPlan> plan(List<PlannedRoute> routes) {
        Map<String, List<PlannedRoute>> byKey = new LinkedHashMap<>();
        for (PlannedRoute r : routes) {
            byKey.computeIfAbsent(r.template().shape() + " " + r.match(), k -> new ArrayList<>()).add(r);
        }
        List<List<PlannedRoute>> groups = new ArrayList<>(byKey.values());
        // Exact literal locations first (nginx checks them before any regex), then regexes most specific first.
        groups.sort(Comparator.<List<PlannedRoute>, Boolean>comparing(g -> !isLiteralExact(g.get(0)))
                .thenComparing((g1, g2) -> PathTemplate.compareSpecificity(
                        g1.get(0).template(), g1.get(0).match(), g2.get(0).template(), g2.get(0).match())));
        List<LocationPlan> locations = new ArrayList<>();
        for (List<PlannedRoute> own : groups) {
            PlannedRoute first = own.get(0);
            locations.add(new LocationPlan(locations.size(), first.template(), first.match(), own,
                    dispatches(first, own, routes)));
        }
        return List.copyOf(locations);
    }

    private static boolean isLiteralExact(PlannedRoute r) {
        return r.match() == dev.gatewaystack.route.Match.EXACT && !r.template().hasParams();
    }

    private static List<Dispatch> dispatches(PlannedRoute location, List<PlannedRoute> own, List<PlannedRoute> all) {
        Map<PlannedRoute, List<HttpMethod>> byTarget = new LinkedHashMap<>();
        for (HttpMethod method : HttpMethod.values()) {
            target(location, own, all, method).ifPresent(t -> byTarget.computeIfAbsent(t, k -> new ArrayList<>())
                    .add(method));
        }
        List<Dispatch> result = new ArrayList<>();
        byTarget.forEach((target, methods) -> result.add(new Dispatch(methods, target)));
        return result;
    }

    private static Optional<PlannedRoute> target(PlannedRoute location, List<PlannedRoute> own,
                                                 List<PlannedRoute> all, HttpMethod method) {
        Optional<PlannedRoute> mine = own.stream().filter(r -> r.methods().contains(method)).findFirst();
        if (mine.isPresent()) {
            return mine;
        }
        return all.stream()
                .filter(r -> !own.contains(r) && r.methods().contains(method))
                .filter(r -> r.template().covers(r.match(), location.template(), location.match()))
                .min((a, b) -> PathTemplate.compareSpecificity(a.template(), a.match(), b.template(), b.match()));
    }

    /** The manifests, in the order given (ManifestFiles sorts them by service). */
    public List<ServiceManifest> services() {
        return services;
    }

    /** Every route, public and internal, in manifest order. */
    public List<PlannedRoute> routes() {
        return routes;
    }

    /**
     * The route a location serves itself, with no dispatch: its only target, public, with no CORS preflight answered
     * here, and dispatched from no other location. Such a location holds the route's policies and proxy_pass, and
     * the route has no {@code /__route/} location: one location lookup, no rewrite and a proxy_pass without
     * variables per request.
     */
    public Optional<PlannedRoute> servedInPlace(LocationPlan location) {
        return Optional.ofNullable(inPlace.get(location.index()));
    }

    /** Whether a route is reached by a rewrite to its own {@code /__route/} location (public, not served in place). */
    public boolean hasRouteLocation(PlannedRoute route) {
        return route.isPublic() && !inPlace.containsValue(route);
    }

    private static Map<Integer, PlannedRoute> inPlace(List<LocationPlan> locations) {
        Map<PlannedRoute, Integer> dispatchedFrom = new HashMap<>(); // route → how many locations dispatch to it
        for (LocationPlan l : locations) {
            for (Dispatch d : l.dispatches()) {
                dispatchedFrom.merge(d.target(), 1, Integer::sum);
            }
        }
        Map<Integer, PlannedRoute> result = new HashMap<>();
        for (LocationPlan l : locations) {
            if (l.dispatches().size() == 1 && l.preflightCors().isEmpty()) {
                PlannedRoute target = l.dispatches().getFirst().target();
                if (target.isPublic() && dispatchedFrom.get(target) == 1) {
                    result.put(l.index(), target);
                }
            }
        }
        return Map.copyOf(result);
    }

    /** Path locations in the order nginx must see them. */
    public List<LocationPlan> locations() {
        return locations;
    }

    public Optional<LocationPlan> location(String path, dev.gatewaystack.route.Match match) {
        String shape = PathTemplate.parse(path).shape();
        return locations.stream().filter(l -> l.template().shape().equals(shape) && l.match() == match).findFirst();
    }

    /** The single {@code @EdgeAuthVerifier} route, if any. */
    public Optional<PlannedRoute> verifier() {
        return routes.stream().filter(r -> r.spec().edgeAuthVerifier()).findFirst();
    }

    /** Distinct roles required by edge-authenticated routes; "" stands for "any authenticated user". */
    public List<String> edgeRoles() {
        TreeSet<String> roles = new TreeSet<>();
        routes.forEach(r -> {
            if (r.spec().edgeAuth() != null) {
                roles.add(r.spec().edgeAuth().role() == null ? "" : r.spec().edgeAuth().role());
            }
        });
        return List.copyOf(roles);
    }
}
