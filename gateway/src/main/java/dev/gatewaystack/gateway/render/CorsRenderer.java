package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.plan.LocationPlan;
import dev.gatewaystack.gateway.plan.Methods;
import dev.gatewaystack.gateway.render.policy.CorsPolicy;
import dev.gatewaystack.route.model.CorsSpec;


/** The CORS preflight locations answered by the gateway itself (the route side is {@link CorsPolicy}). */
final class CorsRenderer {
    private CorsRenderer() {
    }

    /** {@code location = /__cors/<n>}: answers the preflight of one path location with 204. */
    static void renderPreflight(NginxWriter c, LocationPlan l, CorsSpec spec, CorsOrigins origins) {
        c.block("location", "=", Names.preflightUri(l));
        c.directive("internal");
        c.directive("include", Names.COMMON_HEADERS);
        for (ResponseHeader h : CorsPolicy.headers(spec, origins)) {
            if (!h.name().equals(CorsPolicy.EXPOSE_HEADERS)) {
                c.directive("add_header", h.name(), h.value(), "always");
            }
        }
        c.directive("add_header", "Access-Control-Allow-Methods",
                NginxWriter.quoted(Methods.list(l.publicMethods())), "always");
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
