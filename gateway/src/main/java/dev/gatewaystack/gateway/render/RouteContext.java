package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.route.model.RouteSpec;

/** What a policy sees while rendering or describing one route: the route, the whole plan and the deployment. */
public record RouteContext(PlannedRoute route, RoutePlan plan, GatewayTarget target, CorsOrigins cors) {
    public RouteSpec spec() {
        return route.spec();
    }

    boolean external() {
        return plan.service(route.service()).upstream().external();
    }
}
