package dev.gatewaystack.route.model;

import java.util.List;

/** Cross-origin policy answered at the gateway. */
public record CorsSpec(List<String> origins,
                       List<String> allowHeaders,
                       List<String> exposeHeaders,
                       boolean credentials,
                       String maxAge) {
    public CorsSpec {
        origins = origins == null ? List.of() : List.copyOf(origins);
        allowHeaders = allowHeaders == null ? List.of() : List.copyOf(allowHeaders);
        exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
    }

    public boolean anyOrigin() {
        return origins.contains("*");
    }
}
