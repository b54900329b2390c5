package dev.gatewaystack.gateway.plan;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RetrySpec;
import dev.gatewaystack.route.model.RouteSpec;

import java.util.List;

/** A route together with the service that serves it and its parsed path. */
public record PlannedRoute(String service, RouteSpec spec, PathTemplate template) {

    static PlannedRoute of(String service, RouteSpec spec) {
        return new PlannedRoute(service, spec, spec.template());
    }

    public String id() {
        return spec.id();
    }

    public Match match() {
        return spec.match() == null ? Match.EXACT : spec.match();
    }

    public List<HttpMethod> methods() {
        return spec.effectiveMethods();
    }

    public boolean isPublic() {
        return spec.isPublic();
    }

    /** Internal location the path locations rewrite to for this route. */
    public String internalUri() {
        return "/__route/" + spec.id();
    }

    /** The body limit: the route's {@code @MaxBodySize}, else the deployment's default. */
    public String bodySize(String defaultSize) {
        String size = spec.maxBodySize();
        return size == null || size.isEmpty() ? defaultSize : size;
    }

    /** The retries of an idempotent route: its {@code @Retry}, else the defaults. */
    public RetrySpec retry() {
        return spec.retry() == null ? RetrySpec.defaults() : spec.retry();
    }

    /** "path (MATCH)", as used in messages and the route table. */
    public String describePath() {
        return spec.path() + " (" + match() + ")";
    }
}
