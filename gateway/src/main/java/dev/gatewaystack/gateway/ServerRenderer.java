package dev.gatewaystack.gateway;

/** The port-80 redirect server and the TLS server with every location. */
final class ServerRenderer {
    /**
     * Raw paths nginx would normalize before matching but pass upstream unchanged ($request_uri): dot-segments,
     * '//' and encoded '/', '\' or '.'. Rejecting them keeps the gateway's and the service's routing identical.
     */
    static final String UNSAFE_PATH = "^[^?]*(?:/\\.\\.?(?:[/?]|$)|//|%2[EeFf]|%5[Cc])";

    private ServerRenderer() {
    }

    static void redirectServer(Conf c, GatewayTarget target) {
        c.open("server");
        c.directive("listen", target.httpListen());
        c.directive("server_name", target.serverName());
        String port = target.publicHttpsPort() == 443 ? "" : ":" + target.publicHttpsPort();
        c.directive("return", "301", "https://$host" + port + "$request_uri");
        c.close();
    }

    /** nginx's connection counters for the metrics exporter; a separate port so the TLS server never exposes them. */
    static void statusServer(Conf c, GatewayTarget target) {
        c.open("server");
        c.directive("listen", target.statusListen());
        c.directive("access_log", "off");
        c.open("location = /stub_status");
        c.directive("stub_status");
        c.close();
        c.open("location /");
        c.directive("return", "404");
        c.close();
        c.close();
    }

    static void tlsServer(Conf c, RoutePlan plan, GatewayTarget target, CorsOrigins cors) {
        c.open("server");
        c.directive("listen", target.httpsListen(), "ssl", "http2");
        c.directive("server_name", target.serverName());
        tls(c, target);
        c.directive("include", Names.COMMON_HEADERS);
        ErrorPageRenderer.directives(c);
        c.blank();
        // Variables set by route locations, defined here so the log and error pages may use them everywhere.
        for (String v : new String[]{"$route_id", "$route_service", "$auth_user", "$auth_roles", Names.ALLOW}) {
            c.directive("set", v, "\"\"");
        }
        c.line("if ($request_uri ~ \"" + UNSAFE_PATH + "\") { return 400; }");
        c.blank();
        c.open("location = /__gateway/health");
        c.directive("access_log", "off");
        c.directive("default_type", "application/json");
        c.directive("return", "200", "'{\"status\":\"UP\"}'");
        c.close();
        c.blank();
        c.comment("Path locations: exact literals, then regexes most specific first (first regex match wins).");
        for (LocationPlan l : plan.locations()) {
            PathLocationRenderer.render(c, l, target);
        }
        c.blank();
        c.comment("Route locations: reached only by the dispatch rewrites above.");
        for (PlannedRoute r : plan.routes()) {
            if (r.isPublic()) {
                RouteLocationRenderer.render(c, r, plan, target, cors);
            }
        }
        for (LocationPlan l : plan.locations()) {
            l.preflightCors().ifPresent(spec -> CorsRenderer.renderPreflight(c, l, spec, cors));
        }
        EdgeAuthRenderer.render(c, plan);
        c.blank();
        ErrorPageRenderer.locations(c);
        c.blank();
        StaticSiteRenderer.render(c, plan, target);
        c.close();
    }

    private static void tls(Conf c, GatewayTarget target) {
        c.directive("ssl_certificate", target.certificate().toString());
        c.directive("ssl_certificate_key", target.certificateKey().toString());
        c.directive("ssl_protocols", "TLSv1.2", "TLSv1.3");
        c.directive("ssl_ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                + "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
        c.directive("ssl_prefer_server_ciphers", "off");
        c.directive("ssl_session_cache", "shared:TLS:10m");
        c.directive("ssl_session_timeout", "1d");
        c.directive("ssl_session_tickets", "off");
    }
}
