package dev.gatewaystack.route.model;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.Visibility;

import java.util.List;

/**
 * Builds a {@link RouteSpec} piece by piece, so each policy sets only its own part and adding a policy never
 * touches the code of the others. Unset policies stay {@code null} (absent from the manifest).
 */
public final class RouteSpecBuilder {
    private final String id;
    private final String handler;
    private final String path;
    private Match match = Match.EXACT;
    private List<HttpMethod> methods = List.of();
    private Visibility visibility = Visibility.PUBLIC;
    private boolean idempotent;
    private boolean authenticated;
    private EdgeAuthSpec edgeAuth;
    private boolean edgeAuthVerifier;
    private CacheSpec cache;
    private RateLimitSpec rateLimit;
    private String maxBodySize;
    private TimeoutSpec timeouts;
    private CorsSpec cors;
    private StreamingSpec streaming;
    private RetrySpec retry;

    RouteSpecBuilder(String id, String handler, String path) {
        this.id = id;
        this.handler = handler;
        this.path = path;
    }

    public RouteSpecBuilder match(Match match) {
        this.match = match;
        return this;
    }

    public RouteSpecBuilder methods(List<HttpMethod> methods) {
        this.methods = methods;
        return this;
    }

    public List<HttpMethod> methods() {
        return methods;
    }

    public RouteSpecBuilder visibility(Visibility visibility) {
        this.visibility = visibility;
        return this;
    }

    public RouteSpecBuilder idempotent(boolean idempotent) {
        this.idempotent = idempotent;
        return this;
    }

    public boolean idempotent() {
        return idempotent;
    }

    public RouteSpecBuilder authenticated(boolean authenticated) {
        this.authenticated = authenticated;
        return this;
    }

    public RouteSpecBuilder edgeAuth(EdgeAuthSpec edgeAuth) {
        this.edgeAuth = edgeAuth;
        return this;
    }

    public RouteSpecBuilder edgeAuthVerifier(boolean edgeAuthVerifier) {
        this.edgeAuthVerifier = edgeAuthVerifier;
        return this;
    }

    public RouteSpecBuilder cache(CacheSpec cache) {
        this.cache = cache;
        return this;
    }

    public RouteSpecBuilder rateLimit(RateLimitSpec rateLimit) {
        this.rateLimit = rateLimit;
        return this;
    }

    public RouteSpecBuilder maxBodySize(String maxBodySize) {
        this.maxBodySize = maxBodySize;
        return this;
    }

    public RouteSpecBuilder timeouts(TimeoutSpec timeouts) {
        this.timeouts = timeouts;
        return this;
    }

    public RouteSpecBuilder cors(CorsSpec cors) {
        this.cors = cors;
        return this;
    }

    public RouteSpecBuilder streaming(StreamingSpec streaming) {
        this.streaming = streaming;
        return this;
    }

    public RouteSpecBuilder retry(RetrySpec retry) {
        this.retry = retry;
        return this;
    }

    public RetrySpec retry() {
        return retry;
    }

    public RouteSpec build() {
        return new RouteSpec(id, handler, path, match, methods, visibility, idempotent, authenticated, edgeAuth,
                edgeAuthVerifier, cache, rateLimit, maxBodySize, timeouts, cors, streaming, retry);
    }
}
