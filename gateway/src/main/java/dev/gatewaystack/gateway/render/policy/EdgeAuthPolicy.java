package dev.gatewaystack.gateway.render.policy;

import dev.gatewaystack.gateway.render.LocationSlot;
import dev.gatewaystack.gateway.render.Names;
import dev.gatewaystack.gateway.render.NginxWriter;
import dev.gatewaystack.gateway.render.RouteContext;
import dev.gatewaystack.route.model.EdgeAuthSpec;

import java.util.Optional;

/**
 * {@code @EdgeAuth(role)}: auth_request against the verifier's location for the role; the verifier's identity
 * headers go upstream. Routes without it clear those headers, so a client can never send its own.
 */
final class EdgeAuthPolicy implements GatewayPolicy {
    @Override
    public void render(LocationSlot slot, RouteContext r, NginxWriter c) {
        EdgeAuthSpec auth = r.spec().edgeAuth();
        if (slot == LocationSlot.AUTH_REQUEST && auth != null) {
            c.directive("auth_request", Names.edgeAuthUri(role(auth)));
            c.directive("auth_request_set", "$auth_user", "$upstream_http_x_auth_user");
            c.directive("auth_request_set", "$auth_roles", "$upstream_http_x_auth_roles");
        } else if (slot == LocationSlot.IDENTITY_HEADERS) {
            if (auth != null) {
                c.directive("proxy_set_header", "X-Auth-User", "$auth_user");
                c.directive("proxy_set_header", "X-Auth-Roles", "$auth_roles");
            } else {
                c.comment("never trust identity headers sent by the client");
                c.directive("proxy_set_header", "X-Auth-User", "");
                c.directive("proxy_set_header", "X-Auth-Roles", "");
            }
        }
    }

    @Override
    public Optional<String> describe(RouteContext r) {
        EdgeAuthSpec auth = r.spec().edgeAuth();
        if (auth == null) {
            return Optional.empty();
        }
        String role = role(auth);
        return Optional.of("edge auth " + (role.isEmpty() ? "(any user)" : "role " + role));
    }

    private static String role(EdgeAuthSpec auth) {
        return auth.role() == null ? "" : auth.role();
    }
}
