package dev.gatewaystack.route;

/** What a {@link RateLimit} counts requests by. */
public enum RateLimitKey {
    /** The client address. */
    CLIENT_IP,
    /** The user id from {@link EdgeAuth}; needs edge authentication on the route. */
    USER,
    /** The whole gateway: one bucket shared by every client. */
    GLOBAL
}
