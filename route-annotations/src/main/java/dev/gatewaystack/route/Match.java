package dev.gatewaystack.route;

/** How a route's path is matched against the request path. */
public enum Match {
    /** The whole path must match; {@code {param}} segments match one path segment. */
    EXACT,
    /** The path and everything below it: {@code /files} matches {@code /files} and {@code /files/a/b}. */
    PREFIX
}
