package dev.gatewaystack.gateway.render.kubernetes;

import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Gateway API HTTPRoutes for clusters that run a Gateway API implementation instead of this nginx: per public
 * route a rule matching its path (Exact, PathPrefix, or RegularExpression for paths with parameters) and each
 * method, sent to the service's Service. The policies an HTTPRoute does not carry are listed by {@link #gaps}.
 */
public final class HttpRoutes {
    /** The Gateway (listener) the routes attach to; created by the cluster's Gateway API implementation. */
    public static final String PARENT_GATEWAY = "gatewaystack";
    /** The Gateway API's limit of rules per HTTPRoute; longer services are split into name, name-2, ... */
    static final int MAX_RULES = 16;

    private HttpRoutes() {
    }

    /** One HTTPRoute and the comment lines saying what its routes lose. */
    public record Rendered(HTTPRoute route, List<String> comments) {
    }

    static List<Rendered> of(KubernetesStack stack, RoutePlan plan) {
        List<Rendered> out = new ArrayList<>();
        for (ServiceManifest m : plan.services()) {
            List<PlannedRoute> routes = plan.routes().stream()
                    .filter(r -> r.service().equals(m.service()) && r.isPublic()).toList();
            for (int from = 0; from < routes.size(); from += MAX_RULES) {
                List<PlannedRoute> chunk = routes.subList(from, Math.min(routes.size(), from + MAX_RULES));
                String name = m.service() + (from == 0 ? "" : "-" + (from / MAX_RULES + 1));
                List<String> comments = new ArrayList<>();
                List<HTTPRouteRule> rules = new ArrayList<>();
                for (PlannedRoute r : chunk) {
                    rules.add(rule(r, m));
                    List<String> gaps = gaps(r.spec());
                    if (!gaps.isEmpty()) {
                        comments.add(r.id() + " " + r.spec().path() + ": not carried: " + String.join(", ", gaps));
                    }
                }
                out.add(new Rendered(new HTTPRouteBuilder()
                        .withNewMetadata().withName(name).withNamespace(stack.namespace())
                        .withLabels(Labels.of(m.service())).endMetadata()
                        .withNewSpec().addNewParentRef().withName(PARENT_GATEWAY).endParentRef()
                        .withRules(rules).endSpec().build(), comments));
            }
        }
        return out;
    }

    private static HTTPRouteRule rule(PlannedRoute r, ServiceManifest m) {
        List<HTTPRouteMatch> matches = new ArrayList<>();
        for (HttpMethod method : r.methods()) {
            matches.add(new HTTPRouteMatchBuilder().withNewPath().withType(pathType(r)).withValue(pathValue(r))
                    .endPath().withMethod(method.name()).build());
        }
        return new HTTPRouteRuleBuilder().withMatches(matches)
                .addNewBackendRef().withName(m.service()).withPort(m.upstream().port()).endBackendRef().build();
    }

    private static boolean literal(PlannedRoute r) {
        return r.template().segments().stream().allMatch(s -> s instanceof PathTemplate.Literal);
    }

    static String pathType(PlannedRoute r) {
        if (!literal(r)) {
            return "RegularExpression";
        }
        return r.match() == Match.PREFIX ? "PathPrefix" : "Exact";
    }

    static String pathValue(PlannedRoute r) {
        return literal(r) ? r.spec().path() : r.template().nginxRegex(r.match());
    }

    /**
     * The route's gateway policies an HTTPRoute rule does not carry (the Gateway API's standard channel has no
     * caching, rate limiting, body limit or session check; timeouts, retries and CORS exist only in newer or
     * experimental versions and are not rendered). Also listed in routes.md.
     */
    public static List<String> gaps(RouteSpec s) {
        List<String> gaps = new ArrayList<>();
        if (s.edgeAuth() != null) {
            gaps.add("@EdgeAuth" + (s.edgeAuth().role().isEmpty() ? "" : "(role=" + s.edgeAuth().role() + ")"));
        }
        if (s.cache() != null) {
            gaps.add("@Cache(" + s.cache().success() + ")");
        }
        if (s.rateLimit() != null) {
            gaps.add("@RateLimit(" + s.rateLimit().rate() + ")");
        }
        if (s.maxBodySize() != null) {
            gaps.add("@MaxBodySize(" + s.maxBodySize() + ")");
        }
        if (s.timeouts() != null) {
            gaps.add("@Timeouts");
        }
        if (s.cors() != null) {
            gaps.add("@Cors");
        }
        if (s.streaming() != null) {
            gaps.add("@Streaming(" + s.streaming().mode() + ")");
        }
        if (s.retry() != null || s.idempotent()) {
            gaps.add("retry");
        }
        return gaps;
    }
}
