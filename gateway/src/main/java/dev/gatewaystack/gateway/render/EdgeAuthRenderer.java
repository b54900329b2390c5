package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;


/** One internal verifier location per distinct role, the target of {@code auth_request}. */
final class EdgeAuthRenderer {
    private EdgeAuthRenderer() {
    }

    static void render(NginxWriter c, RoutePlan plan) {
        PlannedRoute verifier = plan.verifier().orElse(null);
        if (verifier == null) {
            return;
        }
        for (String role : plan.edgeRoles()) {
            c.comment("edge auth" + (role.isEmpty() ? " (any authenticated user)" : " (role " + role + ")")
                    + " via " + verifier.spec().handler());
            c.block("location", "=", Names.edgeAuthUri(role));
            c.directive("internal");
            c.directive("proxy_method", "GET");
            c.directive("proxy_pass_request_body", "off");
            c.directive("include", Names.PROXY_HEADERS);
            c.directive("proxy_set_header", "Content-Length", "");
            c.directive("proxy_set_header", "X-Original-URI", "$request_uri");
            c.directive("proxy_set_header", "X-Original-Method", "$request_method");
            c.directive("proxy_set_header", "X-Auth-User", "");
            c.directive("proxy_set_header", "X-Auth-Roles", "");
            c.directive("proxy_http_version", "1.1");
            c.directive("proxy_set_header", "Connection", "");
            c.directive("proxy_pass", "http://" + verifier.service() + verifier.spec().path()
                    + Names.edgeAuthQuery(role));
            c.end();
        }
    }
}
