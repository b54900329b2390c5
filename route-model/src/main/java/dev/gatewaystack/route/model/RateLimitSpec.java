package dev.gatewaystack.route.model;

import dev.gatewaystack.route.RateLimitKey;

/** Gateway rate limit: {@code rate} like "10r/s". */
public record RateLimitSpec(String rate, int burst, RateLimitKey key, boolean nodelay) {
}
