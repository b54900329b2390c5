/**
 * The route vocabulary. A handler class (or its package) says which upstream it belongs to with {@link Upstream};
 * each handler method declares one {@link Route} and, optionally, gateway policies ({@link Cache},
 * {@link RateLimit}, {@link MaxBodySize}, {@link Timeouts}, {@link EdgeAuth}, {@link Cors}, {@link Streaming},
 * {@link Idempotent}, {@link Retry}). Durations and sizes are strings checked at compile time by the route
 * processor: durations like {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h30m}; sizes like {@code 512k},
 * {@code 10m}, {@code 1g} (bytes when no unit).
 */
package dev.gatewaystack.route;
