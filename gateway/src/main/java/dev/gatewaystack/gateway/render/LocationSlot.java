package dev.gatewaystack.gateway.render;

/**
 * The layout of a route location ({@code /__route/<id>}): policies render their directives into these slots, in
 * this order (within a slot, in registry order), between the fixed parts of the location (see
 * {@link RouteLocationRenderer}). Directive order rarely matters to nginx; it is fixed so the config reads the same
 * from build to build.
 */
public enum LocationSlot {
    /** client_max_body_size. */
    BODY_SIZE,
    /** limit_req (preaccess phase). */
    RATE_LIMIT,
    /** auth_request (access phase). */
    AUTH_REQUEST,
    /** Request headers sent upstream, after the common proxy headers. */
    IDENTITY_HEADERS,
    /** The upstream connection: keepalive or upgrade, after proxy_http_version. */
    CONNECTION,
    /** proxy_*_timeout. */
    TIMEOUTS,
    /** Response buffering and caching. */
    BUFFERING,
    /** proxy_next_upstream. */
    RETRY,
    /** Upstream response headers hidden before the gateway adds its own. */
    RESPONSE
}
