package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.UpstreamSpec;

import java.util.List;

/** One {@code upstream} block per service built here (external ones are resolved per request, see RouteLocationRenderer). */
public final class UpstreamRenderer {
    private UpstreamRenderer() {
    }

    static void render(NginxWriter c, RoutePlan plan, GatewayTarget target) {
        for (ServiceManifest m : plan.services()) {
            UpstreamSpec up = m.upstream();
            if (up.external()) {
                continue;
            }
            c.block("upstream", m.service());
            // Shared memory: every worker sees the same failure marks and round-robin position.
            c.directive("zone", "upstream_" + Names.token(m.service()), "64k");
            List<String> balancing = balancingWords(up);
            if (!balancing.isEmpty()) {
                c.directive(balancing.getFirst(), balancing.subList(1, balancing.size()).toArray());
            }
            for (String server : target.servers(m)) {
                c.directive("server", server, "max_fails=" + up.maxFails(), "fail_timeout=" + up.failTimeout());
            }
            // keepalive must follow the balancing method.
            if (up.keepalive() > 0) {
                c.directive("keepalive", String.valueOf(up.keepalive()));
                // nginx closes an upstream connection after 1,000 requests by default: a reconnect for nothing.
                c.directive("keepalive_requests", HttpLevelRenderer.KEEPALIVE_REQUESTS);
            }
            c.end();
        }
    }

    /** The balancing directive as written in the config, or null for round robin (nginx's default). */
    public static String balancing(UpstreamSpec up) {
        List<String> words = balancingWords(up);
        return words.isEmpty() ? null : String.join(" ", words);
    }

    /** The balancing directive's words, or none for round robin. */
    static List<String> balancingWords(UpstreamSpec up) {
        if (up.balancing() == null) {
            return List.of();
        }
        return switch (up.balancing()) {
            case ROUND_ROBIN -> List.of();
            case LEAST_CONN -> List.of("least_conn");
            case IP_HASH -> List.of("ip_hash");
            case HASH -> List.of("hash", hashKey(up), "consistent");
        };
    }

    private static String hashKey(UpstreamSpec up) {
        if (up.hashKey() == null) {
            return "$binary_remote_addr";
        }
        return switch (up.hashKey()) {
            case CLIENT_IP -> "$binary_remote_addr";
            case REQUEST_URI -> "$request_uri";
            case USER -> "$auth_user";
        };
    }
}
