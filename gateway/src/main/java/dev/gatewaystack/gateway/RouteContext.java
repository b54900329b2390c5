package dev.gatewaystack.gateway;

import dev.gatewaystack.route.model.RouteSpec;

/** What a policy sees while rendering or describing one route: the route, the whole plan and the deployment. */
record RouteContext(PlannedRoute route, RoutePlan plan, GatewayTarget target, CorsOrigins cors) {
    RouteSpec spec() {
        return route.spec();
    }

    boolean external() {
        return plan.service(route.service()).upstream().external();
    }
}
