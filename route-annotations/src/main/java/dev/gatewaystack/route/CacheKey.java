package dev.gatewaystack.route;

/** Parts of a gateway cache key. */
public enum CacheKey {
    SCHEME,
    METHOD,
    HOST,
    /** Path without the query. */
    PATH,
    /** The query string only. */
    QUERY,
    /** Path and query, as sent. */
    URI,
    /** The user id from {@link EdgeAuth}: one cache entry per user. */
    USER,
    /** The request's {@code Authorization} header: one cache entry per credential. */
    AUTHORIZATION
}
