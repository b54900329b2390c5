package dev.gatewaystack.route;

/** What a {@link Balancing#HASH} upstream hashes on. */
public enum HashKey {
    /** The client address. */
    CLIENT_IP,
    /** The request URI, path and query: spreads a cacheable key space over the servers. */
    REQUEST_URI,
    /** The user id established by {@link EdgeAuth}; needs edge authentication on every route of the upstream. */
    USER
}
