package dev.gatewaystack.gateway;

import dev.gatewaystack.route.model.CorsSpec;

import java.util.ArrayList;
import java.util.List;

/** CORS response headers and the preflight locations answered by the gateway itself. */
final class CorsRenderer {
    private CorsRenderer() {
    }

    static List<Object[]> responseHeaders(CorsSpec spec, CorsOrigins origins) {
        List<Object[]> headers = new ArrayList<>();
        headers.add(new Object[]{"Access-Control-Allow-Origin", origins.variable(spec)});
        if (spec.credentials()) {
            headers.add(new Object[]{"Access-Control-Allow-Credentials", "true"});
        }
        if (!spec.exposeHeaders().isEmpty()) {
            headers.add(new Object[]{"Access-Control-Expose-Headers",
                    NginxWriter.quoted(String.join(", ", spec.exposeHeaders()))});
        }
        headers.add(new Object[]{"Vary", "Origin"});
        return headers;
    }

    /** {@code location = /__cors/<n>}: answers the preflight of one path location with 204. */
    static void renderPreflight(NginxWriter c, LocationPlan l, CorsSpec spec, CorsOrigins origins) {
        c.block("location", "=", Names.preflightUri(l));
        c.directive("internal");
        c.directive("include", Names.COMMON_HEADERS);
        for (Object[] h : responseHeaders(spec, origins)) {
            if (!h[0].equals("Access-Control-Expose-Headers")) {
                c.directive("add_header", h[0], h[1], "always");
            }
        }
        c.directive("add_header", "Access-Control-Allow-Methods",
                NginxWriter.quoted(PathLocationRenderer.methodList(l.publicMethods())), "always");
        if (!spec.allowHeaders().isEmpty()) {
            c.directive("add_header", "Access-Control-Allow-Headers",
                    NginxWriter.quoted(String.join(", ", spec.allowHeaders())), "always");
        }
        if (spec.maxAge() != null && !spec.maxAge().isEmpty()) {
            c.directive("add_header", "Access-Control-Max-Age", String.valueOf(Names.seconds(spec.maxAge())),
                    "always");
        }
        c.directive("return", "204");
        c.end();
    }
}
