package dev.gatewaystack.gateway.plan;

import dev.gatewaystack.route.HttpMethod;

import java.util.List;

/** Method lists as the Allow header, the CORS preflight and routes.md show them: {@code GET, HEAD, POST}. */
public final class Methods {
    private Methods() {
    }

    public static String list(List<HttpMethod> methods) {
        return String.join(", ", methods.stream().map(Enum::name).toList());
    }
}
