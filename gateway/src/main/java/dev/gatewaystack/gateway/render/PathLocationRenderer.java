package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.Dispatch;
import dev.gatewaystack.gateway.plan.LocationPlan;
import dev.gatewaystack.gateway.plan.Methods;
import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxWriter.Condition;
import dev.gatewaystack.route.HttpMethod;

import java.util.List;
import java.util.Optional;

/**
 * Path locations. A location with one route and nothing else to dispatch serves it in place (the route's
 * directives, after a 405 for other methods); any other dispatches: each method is rewritten to its route's
 * internal location (the only safe uses of {@code if} are return and rewrite-last); methods of internal routes get
 * 404; the rest 405 with Allow.
 */
final class PathLocationRenderer {
    private PathLocationRenderer() {
    }

    static void render(NginxWriter c, LocationPlan l, RoutePlan plan, GatewayTarget target, CorsOrigins cors) {
        c.comment(l.template().path() + " (" + l.match() + "): " + String.join(", ",
                l.own().stream().map(r -> r.id() + " [" + r.service() + "]").toList()));
        c.block("location", l.modifier(), l.isLiteralExact() ? l.pattern() : NginxWriter.quoted(l.pattern()));
        if (l.publicDispatches().isEmpty()) {
            c.comment("internal routes only: never reachable through the gateway");
            c.directive("return", "404");
            c.end();
            return;
        }
        Optional<PlannedRoute> inPlace = plan.servedInPlace(l);
        if (inPlace.isPresent()) {
            c.directive("set", Names.ALLOW, NginxWriter.quoted(Methods.list(l.allowedMethods())));
            c.ifThen(methodCondition(l.dispatches().getFirst()).negated(), "return", "405");
            RouteLocationRenderer.directives(c, new RouteContext(inPlace.get(), plan, target, cors), true);
            c.end();
            return;
        }
        // The body limit is checked here before dispatch too, so allow the largest of the targets' limits.
        c.directive("client_max_body_size", l.largestBodySize(target.defaultMaxBodySize()));
        c.directive("set", Names.ALLOW, NginxWriter.quoted(Methods.list(l.allowedMethods())));
        l.preflightCors().ifPresent(preflight ->
                c.ifThen(Condition.equal("$request_method", "OPTIONS"), "rewrite", "^", Names.preflightUri(l), "last"));
        for (Dispatch d : l.dispatches()) {
            if (d.target().isPublic()) {
                c.ifThen(methodCondition(d), "rewrite", "^", d.target().internalUri(), "last");
            } else {
                c.ifThen(methodCondition(d), "return", "404");
            }
        }
        c.directive("return", "405");
        c.end();
    }

    /** {@code $request_method = GET}, or {@code $request_method ~ ^(GET|HEAD)$} for several methods. */
    static Condition methodCondition(Dispatch d) {
        List<HttpMethod> methods = d.methods();
        if (methods.size() == 1) {
            return Condition.equal("$request_method", methods.get(0));
        }
        return Condition.matches("$request_method",
                "^(" + String.join("|", methods.stream().map(Enum::name).toList()) + ")$");
    }
}
