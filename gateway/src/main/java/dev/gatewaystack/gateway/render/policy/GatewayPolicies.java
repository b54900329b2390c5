package dev.gatewaystack.gateway.render.policy;

import java.util.List;

/** Every gateway policy, in the order routes.md lists them (and, within a {@link LocationSlot}, render them). */
public final class GatewayPolicies {
    public static final List<GatewayPolicy> ALL = List.of(
            new EdgeAuthVerifierPolicy(),
            new EdgeAuthPolicy(),
            new AuthenticatedPolicy(),
            new CachePolicy(),
            new RateLimitPolicy(),
            new BodySizePolicy(),
            new TimeoutsPolicy(),
            new CorsPolicy(),
            new StreamingPolicy(),
            new RetryPolicy(),
            new SloPolicy());

    private GatewayPolicies() {
    }
}
