package dev.gatewaystack.gateway;

import java.util.Optional;

/** {@code @EdgeAuthVerifier}: the route that answers the gateway's auth_request (see {@link EdgeAuthRenderer}). */
final class EdgeAuthVerifierPolicy implements GatewayPolicy {
    @Override
    public Optional<String> describe(RouteContext r) {
        return r.spec().edgeAuthVerifier() ? Optional.of("edge-auth verifier") : Optional.empty();
    }
}
