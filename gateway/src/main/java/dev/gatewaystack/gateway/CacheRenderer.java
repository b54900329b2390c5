package dev.gatewaystack.gateway;

import dev.gatewaystack.route.CacheKey;
import dev.gatewaystack.route.model.CacheSpec;
import dev.gatewaystack.route.model.NginxValues;

import java.util.ArrayList;
import java.util.List;

/** proxy_cache directives of a cached route. */
final class CacheRenderer {
    private CacheRenderer() {
    }

    static void render(NginxWriter c, PlannedRoute r) {
        CacheSpec cache = r.spec().cache();
        c.directive("proxy_cache", Names.cacheZone(r.service()));
        c.directive("proxy_cache_key", NginxWriter.quoted(key(r.id(), cache)));
        valid(c, cache.success(), 200, 203, 204, 206);
        valid(c, cache.redirect(), 301, 302, 307, 308);
        valid(c, cache.notFound(), 404, 410);
        if (cache.staleOnError()) {
            c.directive("proxy_cache_use_stale", "error", "timeout", "updating", "http_500", "http_502", "http_503",
                    "http_504");
        }
        if (cache.lock()) {
            c.directive("proxy_cache_lock", "on");
        }
        List<String> bypass = new ArrayList<>();
        cache.bypassHeaders().forEach(h -> bypass.add(Names.headerVariable(h)));
        cache.bypassQueryParams().forEach(p -> bypass.add(Names.argVariable(p)));
        if (!bypass.isEmpty()) {
            c.directive("proxy_cache_bypass", bypass.toArray());
            c.directive("proxy_no_cache", bypass.toArray());
        }
    }

    /** The key: the route id, then the declared parts and key headers, separated by '|'. */
    static String key(String routeId, CacheSpec cache) {
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
        cache.keyHeaders().forEach(h -> parts.add(Names.headerVariable(h)));
        return String.join("|", parts);
    }

    private static void valid(NginxWriter c, String ttl, Integer... codes) {
        if (ttl != null && !ttl.isEmpty() && !NginxValues.isZero(ttl)) {
            List<Object> args = new ArrayList<>(List.of(codes));
            args.add(ttl);
            c.directive("proxy_cache_valid", args.toArray());
        }
    }
}
