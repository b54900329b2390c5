package dev.gatewaystack.route.model;

import dev.gatewaystack.route.CacheKey;

import java.util.List;

/** Gateway caching of a route; TTLs are nginx durations, "0s" meaning "not cached". */
public record CacheSpec(String success,
                        String redirect,
                        String notFound,
                        List<CacheKey> key,
                        List<String> keyHeaders,
                        boolean staleOnError,
                        boolean lock,
                        List<String> bypassHeaders,
                        List<String> bypassQueryParams) {
    public CacheSpec {
        key = key == null ? List.of() : List.copyOf(key);
        keyHeaders = keyHeaders == null ? List.of() : List.copyOf(keyHeaders);
        bypassHeaders = bypassHeaders == null ? List.of() : List.copyOf(bypassHeaders);
        bypassQueryParams = bypassQueryParams == null ? List.of() : List.copyOf(bypassQueryParams);
    }

    /** True when the key separates callers, so an authenticated response is never served to someone else. */
    public boolean isPerCaller() {
        return key.contains(CacheKey.USER) || key.contains(CacheKey.AUTHORIZATION);
    }
}
