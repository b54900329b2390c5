package dev.gatewaystack.gateway.render.policy;

import dev.gatewaystack.gateway.render.RouteContext;

import java.util.Optional;

/** {@code @Authenticated}: the service checks the caller; nothing to render, but reviewers see it in routes.md. */
final class AuthenticatedPolicy implements GatewayPolicy {
    @Override
    public Optional<String> describe(RouteContext r) {
        return r.spec().authenticated() ? Optional.of("authenticated by service") : Optional.empty();
    }
}
