package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gateway caching of a GET/HEAD route. Upstream {@code Cache-Control}/{@code Expires} headers take precedence
 * over the TTLs here. The response carries {@code X-Cache-Status} (MISS, HIT, BYPASS, STALE, ...).
 * A route that is {@link Authenticated} or {@link EdgeAuth} must have {@link CacheKey#USER} or
 * {@link CacheKey#AUTHORIZATION} in its key.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Cache {
    /** TTL of 2xx responses (200, 203, 204, 206); {@code 0s} disables. */
    String success() default "1m";

    /** TTL of redirects (301, 302, 307, 308); {@code 0s} disables. */
    String redirect() default "0s";

    /** TTL of 404 and 410 answers; {@code 0s} disables. */
    String notFound() default "0s";

    /** What the cache key is made of, in order. */
    CacheKey[] key() default {CacheKey.METHOD, CacheKey.HOST, CacheKey.URI};

    /** Request headers added to the key (like {@code Vary}), e.g. {@code Accept-Language}. */
    String[] keyHeaders() default {};

    /** Serve a stale copy when the upstream errors, times out or answers 500/502/503/504. */
    boolean staleOnError() default true;

    /** Only one request per key goes upstream at a time; the others wait for it ({@code proxy_cache_lock}). */
    boolean lock() default true;

    /** Request headers that, when present and neither empty nor "0", bypass the cache (fetch and don't store). */
    String[] bypassHeaders() default {};

    /** Query parameters that, when present and neither empty nor "0", bypass the cache. */
    String[] bypassQueryParams() default {};
}
