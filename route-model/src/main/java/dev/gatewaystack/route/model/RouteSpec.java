package dev.gatewaystack.route.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.Visibility;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * One route and its gateway policies. Optional policies are {@code null} when not declared. The component order is
 * the manifest's JSON order; build instances with {@link #builder(String, String, String)} rather than this
 * constructor, so a new policy touches only its own setter.
 *
 * @param handler the Java method that serves it, {@code com.example.Handler#method}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteSpec(String id,
                        String handler,
                        String path,
                        Match match,
                        List<HttpMethod> methods,
                        Visibility visibility,
                        boolean idempotent,
                        boolean authenticated,
                        EdgeAuthSpec edgeAuth,
                        boolean edgeAuthVerifier,
                        CacheSpec cache,
                        RateLimitSpec rateLimit,
                        String maxBodySize,
                        TimeoutSpec timeouts,
                        CorsSpec cors,
                        StreamingSpec streaming,
                        RetrySpec retry,
                        List<PathParamSpec> pathParams,
                        BodySpec body,
                        SloSpec slo) {

    public RouteSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        methods = methods == null ? List.of() : List.copyOf(methods);
        pathParams = pathParams == null || pathParams.isEmpty() ? null : List.copyOf(pathParams);
    }

    /** A builder with defaults: EXACT match, no methods, PUBLIC, no policies. */
    public static Builder builder(String id, String handler, String path) {
        return new Builder(id, handler, path);
    }

    @JsonIgnore
    public PathTemplate template() {
        return PathTemplate.parse(path);
    }

    @JsonIgnore
    public boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }

    /** Methods answered, with HEAD added wherever GET is accepted (as HTTP servers do). */
    @JsonIgnore
    public List<HttpMethod> effectiveMethods() {
        // An EnumSet, not a stream: the processor calls this per route inside javac, mostly interpreted.
        EnumSet<HttpMethod> effective = EnumSet.noneOf(HttpMethod.class);
        effective.addAll(methods);
        if (methods.contains(HttpMethod.GET)) {
            effective.add(HttpMethod.HEAD);
        }
        return List.copyOf(effective);
    }

    /**
     * Builds a {@link RouteSpec} piece by piece, so each policy sets only its own part and adding a policy never
     * touches the code of the others. Unset policies stay {@code null} (absent from the manifest).
     */
    public static final class Builder {
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
        private List<PathParamSpec> pathParams;
        private BodySpec body;
        private SloSpec slo;

        private Builder(String id, String handler, String path) {
            this.id = id;
            this.handler = handler;
            this.path = path;
        }

        public Builder match(Match match) {
            this.match = match;
            return this;
        }

        public Builder methods(List<HttpMethod> methods) {
            this.methods = methods;
            return this;
        }

        public List<HttpMethod> methods() {
            return methods;
        }

        public Builder visibility(Visibility visibility) {
            this.visibility = visibility;
            return this;
        }

        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        public boolean idempotent() {
            return idempotent;
        }

        public Builder authenticated(boolean authenticated) {
            this.authenticated = authenticated;
            return this;
        }

        public Builder edgeAuth(EdgeAuthSpec edgeAuth) {
            this.edgeAuth = edgeAuth;
            return this;
        }

        public Builder edgeAuthVerifier(boolean edgeAuthVerifier) {
            this.edgeAuthVerifier = edgeAuthVerifier;
            return this;
        }

        public Builder cache(CacheSpec cache) {
            this.cache = cache;
            return this;
        }

        public Builder rateLimit(RateLimitSpec rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        public Builder maxBodySize(String maxBodySize) {
            this.maxBodySize = maxBodySize;
            return this;
        }

        public Builder timeouts(TimeoutSpec timeouts) {
            this.timeouts = timeouts;
            return this;
        }

        public Builder cors(CorsSpec cors) {
            this.cors = cors;
            return this;
        }

        public Builder streaming(StreamingSpec streaming) {
            this.streaming = streaming;
            return this;
        }

        public Builder retry(RetrySpec retry) {
            this.retry = retry;
            return this;
        }

        public RetrySpec retry() {
            return retry;
        }

        /** The path parameters' types (none: null, left out of the manifest). */
        public Builder pathParams(List<PathParamSpec> pathParams) {
            this.pathParams = pathParams;
            return this;
        }

        public Builder body(BodySpec body) {
            this.body = body;
            return this;
        }

        public Builder slo(SloSpec slo) {
            this.slo = slo;
            return this;
        }

        public RouteSpec build() {
            return new RouteSpec(id, handler, path, match, methods, visibility, idempotent, authenticated, edgeAuth,
                    edgeAuthVerifier, cache, rateLimit, maxBodySize, timeouts, cors, streaming, retry, pathParams, body, slo);
        }
    }
}
