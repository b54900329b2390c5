package dev.gatewaystack.gateway.render.policy;

import dev.gatewaystack.gateway.render.CorsOrigins;
import dev.gatewaystack.gateway.render.LocationSlot;
import dev.gatewaystack.gateway.render.NginxWriter;
import dev.gatewaystack.gateway.render.ResponseHeader;
import dev.gatewaystack.gateway.render.RouteContext;
import dev.gatewaystack.route.model.CorsSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code @Cors}: the gateway answers with the allowed origin (the upstream's own header is hidden so there is only
 * one). Preflights of a path location are answered by {@link CorsRenderer}, the origin maps by {@link CorsOrigins}.
 */
public final class CorsPolicy implements GatewayPolicy {
    public static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";

    @Override
    public void render(LocationSlot slot, RouteContext r, NginxWriter c) {
        if (slot == LocationSlot.RESPONSE && r.spec().cors() != null) {
            c.directive("proxy_hide_header", "Access-Control-Allow-Origin");
        }
    }

    @Override
    public List<ResponseHeader> responseHeaders(RouteContext r) {
        return r.spec().cors() == null ? List.of() : headers(r.spec().cors(), r.cors());
    }

    @Override
    public Optional<String> describe(RouteContext r) {
        CorsSpec cors = r.spec().cors();
        return cors == null ? Optional.empty() : Optional.of("CORS " + String.join(",", cors.origins()));
    }

    /** The CORS response headers of {@code spec}, also sent (without the expose list) on preflights. */
    public static List<ResponseHeader> headers(CorsSpec spec, CorsOrigins origins) {
        List<ResponseHeader> headers = new ArrayList<>();
        headers.add(new ResponseHeader("Access-Control-Allow-Origin", origins.variable(spec)));
        if (spec.credentials()) {
            headers.add(new ResponseHeader("Access-Control-Allow-Credentials", "true"));
        }
        if (!spec.exposeHeaders().isEmpty()) {
            headers.add(new ResponseHeader(EXPOSE_HEADERS,
                    NginxWriter.quoted(String.join(", ", spec.exposeHeaders()))));
        }
        headers.add(new ResponseHeader("Vary", "Origin"));
        return headers;
    }
}
