package dev.gatewaystack.gateway.render.policy;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.LocationSlot;
import dev.gatewaystack.gateway.render.NginxWriter;
import dev.gatewaystack.gateway.render.ResponseHeader;
import dev.gatewaystack.gateway.render.RouteContext;

import java.util.List;
import java.util.Optional;

/**
 * The gateway side of one route policy (cache, rate limit, ...): its nginx directives and its entry in routes.md,
 * side by side. The processor side (reading and checking the annotation) lives in route-processor's
 * {@code processor.policy}; the value between them is a component of the manifest's {@code RouteSpec}.
 * Listed in {@link GatewayPolicies}.
 */
public interface GatewayPolicy {
    /** Directives at http level (zones, cache paths) for the whole plan. */
    default void renderHttp(RoutePlan plan, GatewayTarget target, NginxWriter c) {
    }

    /** Directives of a public route's location in {@code slot}; most policies use one or two slots. */
    default void render(LocationSlot slot, RouteContext r, NginxWriter c) {
    }

    /** Headers the gateway adds to the route's responses. */
    default List<ResponseHeader> responseHeaders(RouteContext r) {
        return List.of();
    }

    /** The route's entry in the routes.md policies column, or empty when the route does not have the policy. */
    Optional<String> describe(RouteContext r);
}
