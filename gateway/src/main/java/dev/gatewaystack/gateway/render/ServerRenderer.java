package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.LocationPlan;
import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxWriter.Condition;

/** The port-80 redirect server and the TLS server with every location. */
public final class ServerRenderer {
    /**
     * Raw paths on which nginx (which matches the decoded, normalized path) and the service (which receives the raw
     * one, $request_uri) could pick different routes: dot-segments, '//', ';' anywhere in the path (Helidon strips
     * ";params" from segments and resolves ".." after, so "/a/..;/b" is "/b" there but a literal name here), a
     * backslash, '#', whitespace, control characters (raw or encoded) or raw non-ASCII bytes (clients percent-encode
     * them), and encoded '/', '\\', '.' or ';'.
     * Rejecting them keeps the gateway's and the service's routing identical (proven by PathAgreementTest).
     */
    public static final String UNSAFE_PATH = "^[^?]*(?:/\\.\\.?(?:[/?;]|$)|//|;|\\\\|#|[\\x00-\\x20\\x7f-\\xff]"
            + "|%2[EeFf]|%5[Cc]|%3[Bb]|%[01][0-9A-Fa-f]|%7[Ff])";

    private ServerRenderer() {
    }

    static void redirectServer(NginxWriter c, GatewayTarget target) {
        c.block("server");
        c.directive("listen", target.httpListen());
        c.directive("server_name", target.serverName());
        c.directive("include", Names.COMMON_HEADERS);
        ErrorPageRenderer.directives(c);
        // The configured public origin, never the client's Host: a forged Host must not redirect elsewhere, and
        // the published HTTPS port (not the container's 443) must be kept.
        c.directive("include", Names.PUBLIC_ORIGIN);
        c.block("location", "/");
        c.directive("return", "301", "$gateway_public_origin$request_uri");
        c.end();
        ErrorPageRenderer.locations(c);
        c.end();
    }

    /** https://<server name or localhost>[:<public https port>]; the Compose image replaces it at start. */
    static String defaultPublicOrigin(GatewayTarget target) {
        String host = target.serverName().equals("_") ? "localhost" : target.serverName();
        return "https://" + host + (target.publicHttpsPort() == 443 ? "" : ":" + target.publicHttpsPort());
    }

    /** nginx's connection counters for the metrics exporter; a separate port so the TLS server never exposes them. */
    static void statusServer(NginxWriter c, GatewayTarget target) {
        c.block("server");
        c.directive("listen", target.statusListen());
        c.directive("access_log", "off");
        c.block("location", "=", "/stub_status");
        c.directive("stub_status");
        c.end();
        c.block("location", "/");
        c.directive("return", "404");
        c.end();
        c.end();
    }

    static void tlsServer(NginxWriter c, RoutePlan plan, GatewayTarget target, CorsOrigins cors) {
        c.block("server");
        c.directive("listen", target.httpsListen(), "ssl", "http2");
        c.directive("server_name", target.serverName());
        tls(c, target);
        c.directive("include", Names.COMMON_HEADERS);
        ErrorPageRenderer.directives(c);
        c.blank();
        // The path guard runs again on the internal redirect to an error page (server rewrites do), where it must not
        // answer 400 a second time: nginx would then send its own HTML page.
        c.directive("set", "$gateway_refuse_path", Names.UNSAFE_PATH);
        c.ifThen(Condition.matches("$uri", NginxWriter.quoted("^" + ErrorPageRenderer.PREFIX)),
                "set", "$gateway_refuse_path", "");
        c.ifThen(Condition.set("$gateway_refuse_path"), "return", "400");
        c.blank();
        // Variables set by route locations, declared in a location nothing reaches so that the log and the error
        // pages may use them everywhere; a server-level set would run again on the error page's internal redirect
        // and wipe the route id and the Allow list.
        c.block("location", "=", "/__gateway/variables");
        c.directive("internal");
        for (String v : new String[]{"$route_id", "$route_service", "$auth_user", "$auth_roles", Names.ALLOW}) {
            c.directive("set", v, "");
        }
        c.directive("return", "404");
        c.end();
        c.block("location", "=", "/__gateway/health");
        c.directive("access_log", "off");
        c.directive("default_type", "application/json");
        c.directive("return", "200", new JsonTemplate().string("status", "UP"));
        c.end();
        c.blank();
        c.comment("Path locations: exact literals, then regexes most specific first (first regex match wins).");
        for (LocationPlan l : plan.locations()) {
            PathLocationRenderer.render(c, l, plan, target, cors);
        }
        c.blank();
        c.comment("Route locations: reached only by the dispatch rewrites above.");
        for (PlannedRoute r : plan.routes()) {
            if (plan.hasRouteLocation(r)) {
                RouteLocationRenderer.render(c, new RouteContext(r, plan, target, cors));
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
        c.end();
    }

    private static void tls(NginxWriter c, GatewayTarget target) {
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
