package dev.gatewaystack.gateway.plan;

import dev.gatewaystack.route.HttpMethod;

import java.util.List;

/** Requests with one of {@code methods} arriving at a location go to {@code target}. */
public record Dispatch(List<HttpMethod> methods, PlannedRoute target) {
    public Dispatch {
        methods = List.copyOf(methods);
    }
}
