package dev.gatewaystack.route.model;

import java.util.List;
import java.util.Objects;

/** Everything the gateway needs to know about one service: its upstream and its routes. */
public record ServiceManifest(int schemaVersion, String service, UpstreamSpec upstream, List<RouteSpec> routes) {
    public static final int SCHEMA_VERSION = 1;

    public ServiceManifest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(upstream, "upstream");
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    public static ServiceManifest of(String service, UpstreamSpec upstream, List<RouteSpec> routes) {
        return new ServiceManifest(SCHEMA_VERSION, service, upstream, routes);
    }
}
