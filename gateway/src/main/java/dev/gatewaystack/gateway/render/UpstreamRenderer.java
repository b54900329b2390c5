package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.UpstreamSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code upstream} block per service built here (external ones are resolved per request, see
 * RouteLocationRenderer).
 *
 * <p>A discovered upstream ({@link GatewayTarget#discovers}) has no server of its own in nginx.conf: it includes
 * {@code upstreams/<service>.conf}, which the gateway image's watcher ({@code discover-upstreams}) rewrites with one
 * {@code server <address>:<port>} per address the service's DNS name resolves to, then validates ({@code nginx -t})
 * and reloads nginx gracefully. This works on every nginx version (1.22 has no {@code resolve} on upstream servers)
 * and keeps what a resolved upstream has: the declared balancing, passive health checks per server and keepalive.
 * As rendered, the include holds the placeholder: the local server answering 503 (see {@link #noServersServer}).
 */
public final class UpstreamRenderer {
    /** Directory (relative to nginx.conf) of the discovered upstreams' server includes. */
    public static final String DIR = "upstreams";
    /** The watcher's list: one line per discovered upstream, "service port server-parameters...". */
    public static final String DISCOVERY_LIST = DIR + "/discovery.list";

    private UpstreamRenderer() {
    }

    /** The include holding a discovered upstream's servers. */
    public static String serversFile(String service) {
        return DIR + "/" + service + ".conf";
    }

    /** What the watcher writes into the include while the name resolves to nothing. */
    public static String placeholderFile(String service) {
        return DIR + "/" + service + ".empty";
    }

    /** The files the discovered upstreams need next to nginx.conf: includes (placeholders), and the watcher's list. */
    static Map<String, String> discoveryFiles(RoutePlan plan, GatewayTarget target) {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder list = new StringBuilder("# Written by GatewayGenerator; read by discover-upstreams (the gateway"
                + " image): service, port, server parameters.\n");
        for (ServiceManifest m : plan.services()) {
            if (!target.discovers(m)) {
                continue;
            }
            UpstreamSpec up = m.upstream();
            NginxWriter placeholder = new NginxWriter();
            placeholder.comment("No address resolved for " + m.service() + ": the local server answers 503 problems.");
            // max_fails=0: never marked failed, so nginx never falls back to its own 502 "no live upstreams".
            placeholder.directive("server", "unix:" + target.noServersSocket(), "max_fails=0");
            files.put(serversFile(m.service()), placeholder.toString());
            files.put(placeholderFile(m.service()), placeholder.toString());
            list.append(m.service()).append(' ').append(up.port()).append(' ')
                    .append(String.join(" ", serverParameters(up))).append('\n');
        }
        if (!files.isEmpty()) {
            files.put(DISCOVERY_LIST, list.toString());
        }
        return files;
    }

    /** max_fails / fail_timeout of each server: passive health checks. */
    static List<String> serverParameters(UpstreamSpec up) {
        return List.of("max_fails=" + up.maxFails(), "fail_timeout=" + up.failTimeout());
    }

    /**
     * The local server behind a discovered upstream without addresses (on a unix socket, so it takes no port): a
     * 503 problem at once, with the request id and path the gateway forwarded.
     */
    static void noServersServer(NginxWriter c, RoutePlan plan, GatewayTarget target) {
        if (plan.services().stream().noneMatch(target::discovers)) {
            return;
        }
        c.block("server");
        c.directive("listen", "unix:" + target.noServersSocket());
        c.directive("access_log", "off");
        c.block("location", "/");
        c.emptyBlock("types");
        c.directive("default_type", "application/problem+json");
        c.directive("add_header", "Cache-Control", "no-store", "always");
        c.directive("return", 503, ErrorPageRenderer.body(503, "Service Unavailable",
                "No replica of the upstream service is running."));
        c.end();
        c.end();
        c.blank();
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
            if (target.discovers(m)) {
                c.directive("include", serversFile(m.service()));
            } else {
                for (String server : target.servers(m)) {
                    List<String> args = new java.util.ArrayList<>(List.of(server));
                    args.addAll(serverParameters(up));
                    c.directive("server", args.toArray());
                }
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
