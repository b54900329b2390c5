package dev.gatewaystack.gateway;

import dev.gatewaystack.route.Visibility;
import dev.gatewaystack.route.model.EdgeAuthSpec;
import dev.gatewaystack.gateway.plan.Dispatch;
import dev.gatewaystack.gateway.plan.LocationPlan;
import dev.gatewaystack.gateway.plan.RouteConflictException;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.gatewaystack.gateway.RouteBuilder.route;
import static dev.gatewaystack.route.HttpMethod.DELETE;
import static dev.gatewaystack.route.HttpMethod.GET;
import static dev.gatewaystack.route.HttpMethod.HEAD;
import static dev.gatewaystack.route.HttpMethod.POST;
import static dev.gatewaystack.route.HttpMethod.PUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutePlanTest {

    private static ServiceManifest service(String name, RouteSpec... routes) {
        return ServiceManifest.of(name, Fixtures.upstream(8080, Balancing.ROUND_ROBIN, HashKey.CLIENT_IP, 0), List.of(routes));
    }

    private static RouteConflictException conflict(ServiceManifest... manifests) {
        return assertThrows(RouteConflictException.class, () -> RoutePlan.of(List.of(manifests)));
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), () -> "expected \"" + p + "\" in:\n" + message);
        }
    }

    @Test
    void sameRouteInTwoServicesIsADuplicate() {
        var e = conflict(service("a", route("a.x", "com.a.A#x", "/x/{id}", GET, PUT).build()),
                service("b", route("b.x", "com.b.B#y", "/x/{other}", PUT).build()));
        assertEquals(1, e.conflicts().size(), e.getMessage());
        assertMentions(e.conflicts().get(0), "duplicate route", "PUT", "com.a.A#x", "com.b.B#y", "service a",
                "service b", "disjoint methods");
    }

    @Test
    void sameShapeWithDisjointMethodsIsAllowedAndDispatchedPerMethod() {
        RoutePlan plan = RoutePlan.of(List.of(service("a", route("a.x", "com.a.A#x", "/x", GET).build()),
                service("b", route("b.x", "com.b.B#y", "/x", POST).build())));
        assertEquals(Map.of("a.x", List.of(GET, HEAD), "b.x", List.of(POST)), dispatch(plan, "/x", Match.EXACT));
    }

    @Test
    void prefixRouteShadowingAnotherServiceIsRejectedWhateverTheMethods() {
        var e = conflict(service("a", route("a.all", "com.a.A#all", "/api").match(Match.PREFIX).build()),
                service("b", route("b.one", "com.b.B#one", "/api/b/{id}", DELETE).build()));
        assertMentions(e.getMessage(), "prefix route /api (PREFIX)", "shadows", "/api/b/{id} (EXACT)", "com.a.A#all",
                "com.b.B#one", "narrow the prefix");
    }

    @Test
    void overlappingShapesWithCommonMethodsAreAmbiguous() {
        var e = conflict(service("a", route("a.me", "com.a.A#me", "/users/me").build()),
                service("b", route("b.user", "com.b.B#user", "/users/{id}").build()));
        assertMentions(e.getMessage(), "ambiguous routes", "GET,HEAD", "com.a.A#me", "com.b.B#user",
                "make the paths disjoint");
    }

    @Test
    void disjointRegexIsNotAConflictButUnknownRegexesAreAssumedToOverlap() {
        RoutePlan.of(List.of(service("a", route("a.me", "com.a.A#me", "/users/me").build()),
                service("b", route("b.user", "com.b.B#user", "/users/{id:[0-9]+}").build())));
        var e = conflict(service("a", route("a.n", "com.a.A#n", "/n/{x:[a-z]+}").build()),
                service("b", route("b.n", "com.b.B#n", "/n/{y:[0-9]+}").build()));
        assertMentions(e.getMessage(), "com.a.A#n", "com.b.B#n");
    }

    @Test
    void duplicateServiceNamesVerifierProblemsAndAllConflictsAreReportedTogether() {
        var e = conflict(
                service("a", route("a.x", "com.a.A#x", "/x").edgeAuth(new EdgeAuthSpec("admin")).build()),
                service("a", route("a.y", "com.a.Other#y", "/y").build()));
        assertMentions(e.getMessage(), "service name \"a\"", "com.a.A#x", "com.a.Other#y",
                "no service has an @EdgeAuthVerifier", "com.a.A#x of service a");
        assertEquals(2, e.conflicts().size(), e.getMessage());

        var two = conflict(service("a", route("a.v", "com.a.A#verify", "/a/verify").edgeAuthVerifier(true).visibility(Visibility.INTERNAL).build()),
                service("b", route("b.v", "com.b.B#verify", "/b/verify").edgeAuthVerifier(true).visibility(Visibility.INTERNAL).build()),
                service("c", route("c.x", "com.c.C#x", "/c").build(), route("c.y", "com.c.C#y", "/c", GET).build()),
                service("d", route("d.x", "com.d.D#x", "/c").build()));
        assertMentions(two.getMessage(), "more than one @EdgeAuthVerifier", "com.a.A#verify", "com.b.B#verify",
                "duplicate route", "com.d.D#x");
    }

    @Test
    void theRichFixtureIsConflictFree() {
        RoutePlan plan = RoutePlan.of(Fixtures.all());
        assertEquals(List.of("", "admin", "user"), plan.edgeRoles());
        assertEquals("auth.verify", plan.verifier().orElseThrow().id());
    }

    @Test
    void ownMethodsFirstThenTheMostSpecificCoveringRouteElseNothing() {
        RoutePlan plan = RoutePlan.of(Fixtures.all());
        // /api/items/{id:[0-9]+}: GET/PUT/DELETE declared there; POST falls back to /api/items/{name}.
        assertEquals(Map.of("api.getItem", List.of(GET, HEAD), "api.updateItem", List.of(PUT),
                        "api.purgeItem", List.of(DELETE), "api.itemAction", List.of(POST)),
                dispatch(plan, "/api/items/{id:[0-9]+}", Match.EXACT));
        // The plain parameter does not cover the regex one: GET /api/items/abc is a 405.
        assertEquals(Map.of("api.itemAction", List.of(POST)), dispatch(plan, "/api/items/{x}", Match.EXACT));
        LocationPlan regex = plan.location("/api/items/{id:[0-9]+}", Match.EXACT).orElseThrow();
        assertEquals(List.of(GET, HEAD, POST, PUT), regex.allowedMethods(), "internal DELETE is not advertised");
        LocationPlan items = plan.location("/api/items", Match.EXACT).orElseThrow();
        assertEquals(List.of(GET, HEAD, POST, HttpMethod.OPTIONS), items.allowedMethods(), "CORS preflight");
    }

    @Test
    void locationsAreOrderedLiteralsFirstThenBySpecificity() {
        List<String> order = RoutePlan.of(Fixtures.all()).locations().stream()
                .map(l -> l.modifier() + " " + l.pattern()).toList();
        int regexId = order.indexOf("~ ^/api/items/(?:[0-9]+)$");
        int plainId = order.indexOf("~ ^/api/items/[^/]+$");
        int files = order.indexOf("~ ^/api/files(?:/|$)");
        assertTrue(order.get(0).startsWith("= "), order::toString);
        assertTrue(regexId >= 0 && plainId > regexId && files > plainId, order::toString);
        assertTrue(order.stream().filter(o -> o.startsWith("= ")).count()
                == order.stream().takeWhile(o -> o.startsWith("= ")).count(), "literals before regexes " + order);
    }

    private static Map<String, List<HttpMethod>> dispatch(RoutePlan plan, String path, Match match) {
        return plan.location(path, match).orElseThrow().dispatches().stream()
                .collect(Collectors.toMap(d -> d.target().id(), Dispatch::methods));
    }
}
