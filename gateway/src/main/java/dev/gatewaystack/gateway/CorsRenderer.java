package dev.gatewaystack.gateway;

import dev.gatewaystack.route.model.CorsSpec;

import java.util.ArrayList;
import java.util.List;

/** CORS response headers and the preflight locations answered by the gateway itself. */
final class CorsRenderer {
    private CorsRenderer() {
    }

    static List<String[]> responseHeaders(CorsSpec spec, CorsOrigins origins) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[]{"Access-Control-Allow-Origin", origins.variable(spec)});
        if (spec.credentials()) {
            headers.add(new String[]{"Access-Control-Allow-Credentials", "true"});
        }
        if (!spec.exposeHeaders().isEmpty()) {
            headers.add(new String[]{"Access-Control-Expose-Headers",
                    Names.quote(String.join(", ", spec.exposeHeaders()))});
        }
        headers.add(new String[]{"Vary", "Origin"});
        return headers;
    }

    /** {@code location = /__cors/<n>}: answers the preflight of one path location with 204. */
    static void renderPreflight(Conf c, LocationPlan l, CorsSpec spec, CorsOrigins origins) {
        c.open("location = " + Names.preflightUri(l));
        c.directive("internal");
        c.directive("include", Names.COMMON_HEADERS);
        for (String[] h : responseHeaders(spec, origins)) {
            if (!h[0].equals("Access-Control-Expose-Headers")) {
                c.directive("add_header", h[0], h[1], "always");
            }
        }
        c.directive("add_header", "Access-Control-Allow-Methods",
                Names.quote(PathLocationRenderer.methodList(l.publicMethods())), "always");
        if (!spec.allowHeaders().isEmpty()) {
            c.directive("add_header", "Access-Control-Allow-Headers",
                    Names.quote(String.join(", ", spec.allowHeaders())), "always");
        }
        if (spec.maxAge() != null && !spec.maxAge().isEmpty()) {
            c.directive("add_header", "Access-Control-Max-Age", String.valueOf(Names.seconds(spec.maxAge())),
                    "always");
        }
        c.directive("return", "204");
        c.close();
    }
}
