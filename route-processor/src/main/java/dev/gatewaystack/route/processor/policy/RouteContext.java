package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.model.RouteSpec;

/** What a route check sees: the route with every policy applied, its service, and whether that is external. */
public record RouteContext(String service, RouteSpec route, boolean external) {
}
