package dev.gatewaystack.gateway;

import dev.gatewaystack.route.model.CacheSpec;
import dev.gatewaystack.route.model.RetrySpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.TimeoutSpec;
import dev.gatewaystack.route.model.UpstreamSpec;

import java.util.ArrayList;
import java.util.List;

/** routes.md: every route and upstream as Markdown tables, for reviewers and operators. */
final class RouteTableRenderer {
    private RouteTableRenderer() {
    }

    static String render(RoutePlan plan, GatewayTarget target) {
        StringBuilder b = new StringBuilder("# Gateway routes\n\n");
        b.append("Generated from the route manifests; do not edit.\n\n");
        b.append("| id | service | methods | path | visibility | handler | policies |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (PlannedRoute r : plan.routes()) {
            RouteSpec s = r.spec();
            row(b, r.id(), r.service(), PathLocationRenderer.methodList(r.methods()),
                    "`" + s.path() + "` " + r.match(), String.valueOf(s.visibility()), "`" + s.handler() + "`",
                    String.join("; ", policies(r, target)));
        }
        b.append("\n## Upstreams\n\n");
        b.append("| service | servers | balancing | keepalive | max_fails / fail_timeout |\n");
        b.append("|---|---|---|---|---|\n");
        for (ServiceManifest m : plan.services()) {
            UpstreamSpec up = m.upstream();
            List<String> words = UpstreamRenderer.balancing(up);
            String balancing = words.isEmpty() ? null : String.join(" ", words);
            row(b, m.service(), String.join(", ", target.servers(m)),
                    balancing == null ? "round robin" : "`" + balancing + "`", String.valueOf(up.keepalive()),
                    up.maxFails() + " / " + up.failTimeout());
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

    static List<String> policies(PlannedRoute r, GatewayTarget target) {
        RouteSpec s = r.spec();
        List<String> p = new ArrayList<>();
        if (s.edgeAuthVerifier()) {
            p.add("edge-auth verifier");
        }
        if (s.edgeAuth() != null) {
            String role = s.edgeAuth().role();
            p.add("edge auth " + (role == null || role.isEmpty() ? "(any user)" : "role " + role));
        }
        if (s.authenticated()) {
            p.add("authenticated by service");
        }
        CacheSpec c = s.cache();
        if (c != null) {
            p.add("cache " + c.success() + "/" + c.redirect() + "/" + c.notFound() + " key `"
                    + CacheRenderer.key(r.id(), c) + "`"
                    + (c.bypassHeaders().isEmpty() && c.bypassQueryParams().isEmpty() ? ""
                    : " bypass " + String.join(",", c.bypassHeaders()) + " " + String.join(",", c.bypassQueryParams())));
        }
        if (s.rateLimit() != null) {
            p.add("rate " + s.rateLimit().rate() + " burst " + s.rateLimit().burst() + " per " + s.rateLimit().key());
        }
        p.add("body ≤ " + RouteLocationRenderer.bodySize(r, target));
        TimeoutSpec t = s.timeouts();
        if (t != null) {
            p.add("timeouts connect " + t.connect() + " read " + t.read() + " send " + t.send());
        }
        if (s.cors() != null) {
            p.add("CORS " + String.join(",", s.cors().origins()));
        }
        if (s.streaming() != null) {
            p.add("streaming " + s.streaming().mode() + " idle " + s.streaming().idleTimeout());
        }
        if (s.idempotent()) {
            RetrySpec retry = s.retry() == null ? RetrySpec.defaults() : s.retry();
            p.add("idempotent, " + retry.attempts() + " tries on " + retry.on()
                    + (retry.within() == null ? "" : " within " + retry.within()));
        } else {
            p.add("not retried");
        }
        return p;
    }
}
