package dev.gatewaystack.gateway.render.policy;

import dev.gatewaystack.gateway.render.RouteContext;

import java.util.Optional;

/** {@code @EdgeAuthVerifier}: the route that answers the gateway's auth_request (see {@link EdgeAuthRenderer}). */
final class EdgeAuthVerifierPolicy implements GatewayPolicy {
    @Override
    public Optional<String> describe(RouteContext r) {
        return r.spec().edgeAuthVerifier() ? Optional.of("edge-auth verifier") : Optional.empty();
    }
}
