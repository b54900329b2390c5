package dev.gatewaystack.gateway.render.policy;

import dev.gatewaystack.gateway.render.RouteContext;
import dev.gatewaystack.route.model.SloSpec;

import java.util.Optional;

/**
 * {@code @Slo}: nothing in nginx (the route's answers are measured from the access log by mtail); the Prometheus
 * rules come from {@code SloRulesTarget}; reviewers see the objective in routes.md.
 */
final class SloPolicy implements GatewayPolicy {
    @Override
    public Optional<String> describe(RouteContext r) {
        SloSpec s = r.spec().slo();
        return s == null ? Optional.empty()
                : Optional.of("SLO " + s.availability() + " non-5xx, p" + s.percentile() + " ≤ " + s.latency());
    }
}
