package dev.gatewaystack.gateway;

import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.UpstreamSpec;

/** One {@code upstream} block per service built here (external ones are resolved per request, see RouteLocationRenderer). */
final class UpstreamRenderer {
    private UpstreamRenderer() {
    }

    static void render(Conf c, RoutePlan plan, GatewayTarget target) {
        for (ServiceManifest m : plan.services()) {
            UpstreamSpec up = m.upstream();
            if (up.external()) {
                continue;
            }
            c.open("upstream " + m.service());
            // Shared memory: every worker sees the same failure marks and round-robin position.
            c.directive("zone", "upstream_" + Names.token(m.service()), "64k");
            String balancing = balancing(up);
            if (balancing != null) {
                c.line(balancing + ";");
            }
            for (String server : target.servers(m)) {
                c.directive("server", server, "max_fails=" + up.maxFails(), "fail_timeout=" + up.failTimeout());
            }
            // keepalive must follow the balancing method.
            if (up.keepalive() > 0) {
                c.directive("keepalive", String.valueOf(up.keepalive()));
            }
            c.close();
        }
    }

    /** The balancing directive, or null for round robin (nginx's default). */
    static String balancing(UpstreamSpec up) {
        if (up.balancing() == null) {
            return null;
        }
        return switch (up.balancing()) {
            case ROUND_ROBIN -> null;
            case LEAST_CONN -> "least_conn";
            case IP_HASH -> "ip_hash";
            case HASH -> "hash " + hashKey(up) + " consistent";
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
