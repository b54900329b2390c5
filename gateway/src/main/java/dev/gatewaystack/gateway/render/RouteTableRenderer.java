package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.Methods;
import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.kubernetes.HttpRoutes;
import dev.gatewaystack.gateway.render.kubernetes.KubernetesManifests;
import dev.gatewaystack.gateway.render.policy.GatewayPolicies;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.UpstreamSpec;

import java.util.ArrayList;
import java.util.List;

/** routes.md: every route and upstream as Markdown tables, for reviewers and operators. */
final class RouteTableRenderer implements RenderTarget {
    private final GatewayTarget target;

    RouteTableRenderer(GatewayTarget target) {
        this.target = target;
    }

    @Override
    public void render(RoutePlan plan, Output out) {
        out.write(NginxConfigRenderer.ROUTES_MD, table(plan, target));
    }

    static String table(RoutePlan plan, GatewayTarget target) {
        CorsOrigins cors = CorsOrigins.of(plan);
        StringBuilder b = new StringBuilder("# Gateway routes\n\n");
        b.append("Generated from the route manifests; do not edit.\n\n");
        b.append("| id | service | methods | path | visibility | handler | policies |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (PlannedRoute r : plan.routes()) {
            RouteSpec s = r.spec();
            row(b, r.id(), r.service(), Methods.list(r.methods()),
                    "`" + s.path() + "` " + r.match(), String.valueOf(s.visibility()), "`" + s.handler() + "`",
                    String.join("; ", policies(new RouteContext(r, plan, target, cors))));
        }
        b.append("\n## Upstreams\n\n");
        b.append("| service | servers | balancing | keepalive | max_fails / fail_timeout |\n");
        b.append("|---|---|---|---|---|\n");
        for (ServiceManifest m : plan.services()) {
            UpstreamSpec up = m.upstream();
            String balancing = UpstreamRenderer.balancing(up);
            row(b, m.service(), target.discovers(m)
                            ? "every address of `" + m.service() + "`, port " + up.port() + " (DNS, followed)"
                            : String.join(", ", target.servers(m)),
                    balancing == null ? "round robin" : "`" + balancing + "`", String.valueOf(up.keepalive()),
                    up.maxFails() + " / " + up.failTimeout());
        }
        b.append("\n## Not carried by the Gateway API HTTPRoutes (").append(KubernetesManifests.HTTP_ROUTES)
                .append(")\n\n");
        b.append("| id | methods | path | policies |\n");
        b.append("|---|---|---|---|\n");
        for (PlannedRoute r : plan.routes()) {
            List<String> gaps = HttpRoutes.gaps(r.spec());
            if (r.isPublic() && !gaps.isEmpty()) {
                row(b, r.id(), Methods.list(r.methods()), "`" + r.spec().path() + "`", String.join(", ", gaps));
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String... cells) {
        b.append('|');
        for (String cell : cells) {
            b.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        b.append('\n');
    }

    /** The policies column: each policy's entry, in registry order. */
    static List<String> policies(RouteContext context) {
        List<String> p = new ArrayList<>();
        GatewayPolicies.ALL.forEach(policy -> policy.describe(context).ifPresent(p::add));
        return p;
    }
}
