package dev.gatewaystack.route.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.Visibility;

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
                        RetrySpec retry) {

    public RouteSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    /** A builder with defaults: EXACT match, no methods, PUBLIC, no policies. */
    public static RouteSpecBuilder builder(String id, String handler, String path) {
        return new RouteSpecBuilder(id, handler, path);
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
        if (methods.contains(HttpMethod.GET) && !methods.contains(HttpMethod.HEAD)) {
            return java.util.stream.Stream.concat(methods.stream(), java.util.stream.Stream.of(HttpMethod.HEAD))
                    .sorted().toList();
        }
        return methods.stream().sorted().toList();
    }
}
