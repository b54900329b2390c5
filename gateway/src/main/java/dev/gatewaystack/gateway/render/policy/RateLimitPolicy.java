package dev.gatewaystack.gateway.render.policy;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.LocationSlot;
import dev.gatewaystack.gateway.render.Names;
import dev.gatewaystack.gateway.render.NginxWriter;
import dev.gatewaystack.gateway.render.RouteContext;
import dev.gatewaystack.route.RateLimitKey;
import dev.gatewaystack.route.model.RateLimitSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code @RateLimit}: one limit_req zone per public route, answered with 429. */
final class RateLimitPolicy implements GatewayPolicy {
    @Override
    public void renderHttp(RoutePlan plan, GatewayTarget target, NginxWriter c) {
        plan.routes().stream().filter(r -> r.isPublic() && r.spec().rateLimit() != null).forEach(r -> {
            RateLimitSpec rl = r.spec().rateLimit();
            c.directive("limit_req_zone", key(rl.key()), "zone=" + Names.rateZone(r.id()) + ":10m",
                    "rate=" + rl.rate());
        });
    }

    @Override
    public void render(LocationSlot slot, RouteContext r, NginxWriter c) {
        RateLimitSpec rl = r.spec().rateLimit();
        if (slot != LocationSlot.RATE_LIMIT || rl == null) {
            return;
        }
        List<Object> args = new ArrayList<>(List.of("zone=" + Names.rateZone(r.route().id())));
        if (rl.burst() > 0) {
            args.add("burst=" + rl.burst());
        }
        if (rl.nodelay()) {
            args.add("nodelay");
        }
        c.directive("limit_req", args.toArray());
        c.directive("limit_req_status", 429);
    }

    @Override
    public Optional<String> describe(RouteContext r) {
        RateLimitSpec rl = r.spec().rateLimit();
        return rl == null ? Optional.empty()
                : Optional.of("rate " + rl.rate() + " burst " + rl.burst() + " per " + rl.key());
    }

    /**
     * limit_req runs before auth_request (preaccess before access phase), so the edge-auth user is not known yet:
     * USER limits count by the caller's credential (Authorization header), or the client address without one.
     */
    static String key(RateLimitKey key) {
        return switch (key) {
            case CLIENT_IP -> "$binary_remote_addr";
            case USER -> "$gateway_rate_user";
            case GLOBAL -> "$gateway_rate_global";
        };
    }
}
