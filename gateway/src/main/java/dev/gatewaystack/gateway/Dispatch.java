package dev.gatewaystack.gateway;

import dev.gatewaystack.route.HttpMethod;

import java.util.List;

/** Requests with one of {@code methods} arriving at a location go to {@code target}. */
public record Dispatch(List<HttpMethod> methods, PlannedRoute target) {
    public Dispatch {
        methods = List.copyOf(methods);
    }

    /** The {@code $request_method} condition: {@code = GET} or {@code ~ ^(GET|HEAD)$}. */
    public String methodCondition() {
        if (methods.size() == 1) {
            return "$request_method = " + methods.get(0);
        }
        return "$request_method ~ ^(" + String.join("|", methods.stream().map(Enum::name).toList()) + ")$";
    }
}
