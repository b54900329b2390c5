package dev.gatewaystack.gateway.render.policy;

import dev.gatewaystack.gateway.render.LocationSlot;
import dev.gatewaystack.gateway.render.NginxWriter;
import dev.gatewaystack.gateway.render.RouteContext;

import java.util.Optional;

/** {@code @MaxBodySize}: client_max_body_size of the route (the target's default without one); 413 above it. */
final class BodySizePolicy implements GatewayPolicy {
    @Override
    public void render(LocationSlot slot, RouteContext r, NginxWriter c) {
        if (slot == LocationSlot.BODY_SIZE) {
            c.directive("client_max_body_size", r.route().bodySize(r.target().defaultMaxBodySize()));
        }
    }

    @Override
    public Optional<String> describe(RouteContext r) {
        return Optional.of("body ≤ " + r.route().bodySize(r.target().defaultMaxBodySize()));
    }
}
