package dev.gatewaystack.gateway.plan;

import dev.gatewaystack.route.CacheKey;
import dev.gatewaystack.route.model.CacheSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The proxy_cache_key of a cached route (derived once for the config and routes.md) and its variables. */
public final class CacheKeys {
    private CacheKeys() {
    }

    /** The route id, then the declared parts and key headers, separated by '|'. */
    public static String of(String routeId, CacheSpec cache) {
        List<String> parts = new ArrayList<>(List.of(routeId));
        for (CacheKey k : cache.key()) {
            parts.add(switch (k) {
                case SCHEME -> "$scheme";
                case METHOD -> "$request_method";
                case HOST -> "$host";
                case PATH -> "$gateway_request_path";
                case QUERY -> "$args";
                case URI -> "$request_uri";
                case USER -> "$auth_user";
                case AUTHORIZATION -> "$http_authorization";
            });
        }
        cache.keyHeaders().forEach(h -> parts.add(headerVariable(h)));
        return String.join("|", parts);
    }

    /** {@code $http_accept_language} for {@code Accept-Language}. */
    public static String headerVariable(String header) {
        return "$http_" + header.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** {@code $arg_nocache} for the query parameter {@code nocache}. */
    public static String argVariable(String param) {
        return "$arg_" + param;
    }
}
