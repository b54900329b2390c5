package dev.gatewaystack.route;

/** Load balancing method of an upstream. */
public enum Balancing {
    /** Requests go to each server in turn (nginx default). */
    ROUND_ROBIN,
    /** The server with the fewest active connections wins ({@code least_conn}). */
    LEAST_CONN,
    /** Sticky by client IPv4 /24 or whole IPv6 address ({@code ip_hash}). */
    IP_HASH,
    /** Consistent hash of {@link Upstream#hashKey()} ({@code hash ... consistent}). */
    HASH
}
