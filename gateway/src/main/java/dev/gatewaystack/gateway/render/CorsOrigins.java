package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.route.model.CorsSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code map $http_origin} per distinct origin allow-list. The mapped variable holds the origin to echo in
 * {@code Access-Control-Allow-Origin}, or "" (so add_header sends nothing) when the origin is not allowed.
 */
public final class CorsOrigins {
    private final Map<List<String>, String> variables = new LinkedHashMap<>();

    public static CorsOrigins of(RoutePlan plan) {
        CorsOrigins origins = new CorsOrigins();
        plan.routes().forEach(r -> {
            if (r.spec().cors() != null) {
                origins.register(r.spec().cors());
            }
        });
        plan.locations().forEach(l -> l.preflightCors().ifPresent(origins::register));
        return origins;
    }

    private void register(CorsSpec spec) {
        variables.computeIfAbsent(key(spec), k -> "$cors_origin_" + (variables.size() + 1));
    }

    private static List<String> key(CorsSpec spec) {
        return spec.anyOrigin() ? List.of("*") : new ArrayList<>(spec.origins().stream().sorted().toList());
    }

    /** The variable holding the allowed origin for this policy. */
    public String variable(CorsSpec spec) {
        String v = variables.get(key(spec));
        if (v == null) {
            throw new IllegalStateException("CORS policy not registered: " + spec);
        }
        return v;
    }

    void render(NginxWriter conf) {
        variables.forEach((origins, variable) -> {
            conf.block("map", "$http_origin", variable);
            if (origins.equals(List.of("*"))) {
                conf.directive("default", NginxWriter.quoted("*"));
            } else {
                conf.directive("default", "");
                origins.forEach(o -> conf.mapEntry(NginxWriter.quoted(o), "$http_origin"));
            }
            conf.end();
        });
    }
}
