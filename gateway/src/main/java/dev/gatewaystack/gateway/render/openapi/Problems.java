package dev.gatewaystack.gateway.render.openapi;

import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The problem+json (RFC 9457) error responses a route can give, each implied by something the route declares. 405
 * is left out: an operation describes a method the route has, and 405 answers the methods it has not.
 */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    /** The shared responses, {@code #/components/responses/<status>}. */
    static final Map<String, String> DESCRIPTIONS = new TreeMap<>(Map.of(
            "400", "Bad request: a path parameter, header or body field is invalid",
            "401", "Not authenticated: no valid access token or session",
            "403", "Forbidden: the caller lacks the required role",
            "404", "Not found",
            "413", "Request body larger than the route's limit",
            "415", "Unsupported media type: the body must be application/json",
            "422", "Unprocessable: the request is well-formed but cannot be applied",
            "429", "Too many requests: rate limit exceeded"));

    private Problems() {
    }

    /** Status → why this route can answer it (the why goes into tests and the README, not the document). */
    static Map<String, String> of(PlannedRoute route, HttpMethod method) {
        RouteSpec s = route.spec();
        Map<String, String> statuses = new LinkedHashMap<>();
        boolean typedParams = route.template().segments().stream()
                .anyMatch(seg -> seg instanceof PathTemplate.Param p && p.regex() != null)
                || (s.pathParams() != null && s.pathParams().stream().anyMatch(p -> !"string".equals(p.type())
                || p.format() != null));
        boolean requestBody = s.body() != null && s.body().request() != null;
        boolean idempotencyKey = Operations.takesIdempotencyKey(s, method);
        if (typedParams || requestBody || idempotencyKey) {
            statuses.put("400", "typed path parameter, request body or Idempotency-Key");
        }
        if (s.authenticated() || s.edgeAuth() != null) {
            statuses.put("401", "@Authenticated or @EdgeAuth");
        }
        if (s.edgeAuth() != null && !s.edgeAuth().role().isEmpty()) {
            statuses.put("403", "@EdgeAuth(role)");
        }
        if (!route.template().segments().stream().allMatch(seg -> seg instanceof PathTemplate.Literal)) {
            statuses.put("404", "path parameters name a resource");
        }
        if (WITH_BODY.contains(method)) {
            statuses.put("413", "a method with a body (the gateway's body limit)");
        }
        if (requestBody) {
            statuses.put("415", "a JSON request body");
        }
        if (requestBody || idempotencyKey) {
            statuses.put("422", "a request body or Idempotency-Key");
        }
        if (s.rateLimit() != null) {
            statuses.put("429", "@RateLimit");
        }
        return statuses;
    }

    static ApiResponse response(String status) {
        return new ApiResponse().description(DESCRIPTIONS.get(status))
                .content(new Content().addMediaType(MEDIA_TYPE, new MediaType()
                        .schema(new JsonSchema().$ref("#/components/schemas/Problem"))));
    }

    /** RFC 9457's members; extensions (request id, field errors) are allowed. */
    static Schema<?> schema() {
        Map<String, Schema> p = new LinkedHashMap<>();
        p.put("type", new JsonSchema().types(Set.of("string")).format("uri-reference"));
        p.put("title", new JsonSchema().types(Set.of("string")));
        p.put("status", new JsonSchema().types(Set.of("integer")));
        p.put("detail", new JsonSchema().types(Set.of("string")));
        p.put("instance", new JsonSchema().types(Set.of("string")).format("uri-reference"));
        return new JsonSchema().types(Set.of("object")).properties(p).description("RFC 9457 problem details");
    }
}
