package dev.gatewaystack.route;

/** Who can reach a route. */
public enum Visibility {
    /** Routed by the gateway. */
    PUBLIC,
    /** Served by the service on the internal network only; the gateway answers 404 for it. */
    INTERNAL
}
