package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.CorsOrigins;
import dev.gatewaystack.gateway.render.LocationSlot;
import dev.gatewaystack.gateway.render.NginxWriter;
import dev.gatewaystack.gateway.render.RouteContext;
import dev.gatewaystack.gateway.render.policy.CachePolicy;
import dev.gatewaystack.gateway.render.policy.GatewayPolicies;
import dev.gatewaystack.gateway.render.policy.GatewayPolicy;
import dev.gatewaystack.gateway.render.policy.StreamingPolicy;
import dev.gatewaystack.route.CacheKey;
import dev.gatewaystack.route.StreamingMode;
import dev.gatewaystack.route.model.CacheSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.StreamingSpec;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.gatewaystack.gateway.RouteBuilder.route;
import static dev.gatewaystack.route.HttpMethod.GET;
import static dev.gatewaystack.route.HttpMethod.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway policies: each renders into the route location's slots and describes itself for routes.md. */
class GatewayPoliciesTest {
    private static List<RouteContext> contexts(List<ServiceManifest> manifests) {
        RoutePlan plan = RoutePlan.of(manifests);
        CorsOrigins cors = CorsOrigins.of(plan);
        // routes.md lists internal routes too (the edge-auth verifier is one).
        return plan.routes().stream()
                .map(r -> new RouteContext(r, plan, GatewayTarget.compose(), cors)).toList();
    }

    private static String render(GatewayPolicy policy, LocationSlot slot, RouteContext r) {
        NginxWriter c = new NginxWriter();
        policy.render(slot, r, c);
        return c.toString();
    }

    private static List<String> describe(RouteContext r) {
        return GatewayPolicies.ALL.stream().map(p -> p.describe(r)).flatMap(Optional::stream).toList();
    }

    @Test
    void everySlotAndEveryPolicyIsUsedByTheFixtures() {
        Set<LocationSlot> used = EnumSet.noneOf(LocationSlot.class);
        Set<Class<?>> contributing = new HashSet<>();
        for (RouteContext r : contexts(Fixtures.all())) {
            for (GatewayPolicy p : GatewayPolicies.ALL) {
                for (LocationSlot slot : LocationSlot.values()) {
                    if (!render(p, slot, r).isEmpty()) {
                        used.add(slot);
                        contributing.add(p.getClass());
                    }
                }
                if (p.describe(r).isPresent()) {
                    contributing.add(p.getClass());
                }
            }
        }
        assertEquals(EnumSet.allOf(LocationSlot.class), used, "a slot no policy writes is dead layout");
        assertEquals(GatewayPolicies.ALL.size(), contributing.size(), "every registered policy contributes");
        assertEquals(GatewayPolicies.ALL.size(),
                GatewayPolicies.ALL.stream().map(Object::getClass).distinct().count(), "each policy listed once");
    }

    @Test
    void aRouteWithoutPolicyAnnotationsIsDescribedByItsDefaults() {
        List<RouteContext> rs = contexts(List.of(ServiceManifest.of("s", Fixtures.upstream(8080, null, null, 0), List.of(route("s.get", "a.B#get", "/s", GET).build(),
                route("s.post", "a.B#post", "/s", POST).build()))));
        assertEquals(List.of("body ≤ 1m", "idempotent, each server once on [ERROR, TIMEOUT]"), describe(rs.get(0)));
        assertEquals(List.of("body ≤ 1m", "not retried"), describe(rs.get(1)));
    }

    @Test
    void aStreamingRouteIsNeverCachedEvenWithCache() {
        CacheSpec cache = new CacheSpec("1m", "0s", "0s", List.of(CacheKey.URI), List.of(), false, false, List.of(),
                List.of());
        RouteContext r = contexts(List.of(ServiceManifest.of("s", Fixtures.upstream(8080, null, null, 0),
                List.of(route("s.events", "a.B#events", "/events", GET).cache(cache)
                        .streaming(new StreamingSpec(StreamingMode.SSE, "1h")).build())))).getFirst();
        CachePolicy cachePolicy = new CachePolicy();
        for (LocationSlot slot : LocationSlot.values()) {
            assertEquals("", render(cachePolicy, slot, r), slot.name());
        }
        assertTrue(cachePolicy.responseHeaders(r).isEmpty(), "no X-Cache-Status on a stream");
        assertEquals("proxy_buffering off;\nproxy_request_buffering off;\nproxy_cache off;\n",
                render(new StreamingPolicy(), LocationSlot.BUFFERING, r));
    }
}
