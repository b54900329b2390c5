package dev.gatewaystack.gateway;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.Visibility;
import dev.gatewaystack.route.model.BodySpec;
import dev.gatewaystack.route.model.CacheSpec;
import dev.gatewaystack.route.model.CorsSpec;
import dev.gatewaystack.route.model.EdgeAuthSpec;
import dev.gatewaystack.route.model.PathParamSpec;
import dev.gatewaystack.route.model.RateLimitSpec;
import dev.gatewaystack.route.model.RetrySpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.SloSpec;
import dev.gatewaystack.route.model.StreamingSpec;
import dev.gatewaystack.route.model.TimeoutSpec;

import java.util.List;

/** Test helper: RouteSpec with defaults like the processor's (GET/HEAD/OPTIONS idempotent). */
final class RouteBuilder {
    private final String id;
    private final String handler;
    private final String path;
    private Match match = Match.EXACT;
    private List<HttpMethod> methods = List.of(HttpMethod.GET);
    private Visibility visibility = Visibility.PUBLIC;
    private Boolean idempotent;
    private boolean authenticated;
    private EdgeAuthSpec edgeAuth;
    private boolean verifier;
    private CacheSpec cache;
    private RateLimitSpec rateLimit;
    private String maxBodySize;
    private TimeoutSpec timeouts;
    private CorsSpec cors;
    private StreamingSpec streaming;
    private RetrySpec retry;
    private List<PathParamSpec> pathParams;
    private BodySpec body;
    private SloSpec slo;

    private RouteBuilder(String id, String handler, String path) {
        this.id = id;
        this.handler = handler;
        this.path = path;
    }

    static RouteBuilder route(String id, String handler, String path, HttpMethod... methods) {
        RouteBuilder b = new RouteBuilder(id, handler, path);
        if (methods.length > 0) {
            b.methods = List.of(methods);
        }
        return b;
    }

    RouteBuilder prefix() { match = Match.PREFIX; return this; }
    RouteBuilder internal() { visibility = Visibility.INTERNAL; return this; }
    RouteBuilder idempotent() { idempotent = true; return this; }
    RouteBuilder authenticated() { authenticated = true; return this; }
    RouteBuilder edgeAuth(String role) { edgeAuth = new EdgeAuthSpec(role); return this; }
    RouteBuilder verifier() { verifier = true; return this; }
    RouteBuilder cache(CacheSpec c) { cache = c; return this; }
    RouteBuilder rateLimit(RateLimitSpec r) { rateLimit = r; return this; }
    RouteBuilder maxBodySize(String s) { maxBodySize = s; return this; }
    RouteBuilder timeouts(TimeoutSpec t) { timeouts = t; return this; }
    RouteBuilder cors(CorsSpec c) { cors = c; return this; }
    RouteBuilder streaming(StreamingSpec s) { streaming = s; return this; }
    RouteBuilder retry(RetrySpec r) { retry = r; return this; }
    RouteBuilder pathParams(List<PathParamSpec> p) { pathParams = p; return this; }
    RouteBuilder body(BodySpec b) { body = b; return this; }
    RouteBuilder slo(SloSpec s) { slo = s; return this; }

    RouteSpec build() {
        boolean safe = methods.stream().allMatch(m -> m == HttpMethod.GET || m == HttpMethod.HEAD
                || m == HttpMethod.OPTIONS);
        return new RouteSpec(id, handler, path, match, methods, visibility, idempotent != null ? idempotent : safe,
                authenticated, edgeAuth, verifier, cache, rateLimit, maxBodySize, timeouts, cors, streaming, retry,
                pathParams, body, slo);
    }
}
