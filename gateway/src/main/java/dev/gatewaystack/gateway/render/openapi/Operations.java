package dev.gatewaystack.gateway.render.openapi;

import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.PathParamSpec;
import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One OpenAPI operation per route and method. */
final class Operations {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    /** Methods that are not idempotent by themselves: an {@code @Idempotent} one is made so by the key. */
    private static final Set<HttpMethod> KEYED = Set.of(HttpMethod.POST, HttpMethod.PATCH);

    private Operations() {
    }

    /**
     * An {@code @Idempotent} POST or PATCH: deduplicated by the caller's Idempotency-Key (PUT and DELETE are
     * idempotent by their HTTP meaning and need no key).
     */
    static boolean takesIdempotencyKey(RouteSpec s, HttpMethod method) {
        return s.idempotent() && KEYED.contains(method);
    }

    /** The OpenAPI path of a route: parameters without their regex (that goes into the parameter's pattern). */
    static String path(PathTemplate template) {
        StringBuilder b = new StringBuilder();
        for (PathTemplate.Segment seg : template.segments()) {
            b.append('/').append(seg instanceof PathTemplate.Literal l ? l.text()
                    : "{" + ((PathTemplate.Param) seg).name() + "}");
        }
        return b.isEmpty() ? "/" : b.toString();
    }

    static Operation of(PlannedRoute route, HttpMethod method, Schemas schemas) {
        RouteSpec s = route.spec();
        Operation op = new Operation()
                .operationId(s.methods().size() == 1 ? s.id() : s.id() + "." + method.name().toLowerCase())
                .tags(List.of(route.service()))
                .summary(s.handler());
        if (route.match() == Match.PREFIX) {
            op.description("Also answers every path below this one (prefix route).");
            op.addExtension("x-gateway-match", "prefix");
        }
        if (!route.isPublic()) {
            op.addExtension("x-gateway-visibility", "internal");
        }
        List<Parameter> parameters = new ArrayList<>();
        for (PathTemplate.Segment seg : route.template().segments()) {
            if (seg instanceof PathTemplate.Param p) {
                parameters.add(pathParameter(s, p));
            }
        }
        if (takesIdempotencyKey(s, method)) {
            parameters.add(new Parameter().in("header").name(IDEMPOTENCY_KEY).required(true)
                    .description("Chosen by the client, new for every new request; a retry with the same key "
                            + "answers the first result again")
                    .schema(new JsonSchema().types(Set.of("string")).minLength(1).maxLength(200)));
        }
        if (!parameters.isEmpty()) {
            op.parameters(parameters);
        }
        if (s.body() != null && s.body().request() != null) {
            op.requestBody(new RequestBody().required(true).content(new Content()
                    .addMediaType("application/json", new MediaType().schema(schemas.of(s.body().request())))));
        }
        ApiResponses responses = new ApiResponses();
        ApiResponse ok = new ApiResponse().description("Success");
        if (s.body() != null && s.body().response() != null) {
            ok.content(new Content().addMediaType("application/json",
                    new MediaType().schema(schemas.of(s.body().response()))));
        }
        responses.addApiResponse(SAFE.contains(method) ? "200" : "2XX", ok);
        Problems.of(route, method).keySet().forEach(status ->
                responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + status)));
        op.responses(responses);
        List<SecurityRequirement> security = new ArrayList<>();
        if (s.authenticated()) {
            security.add(new SecurityRequirement().addList(OpenApiDocuments.OAUTH2));
        }
        if (s.edgeAuth() != null) {
            security.add(new SecurityRequirement().addList(OpenApiDocuments.SESSION));
        }
        if (!security.isEmpty()) {
            op.security(security);
        }
        return op;
    }

    private static Parameter pathParameter(RouteSpec s, PathTemplate.Param p) {
        PathParamSpec typed = s.pathParams() == null ? null
                : s.pathParams().stream().filter(t -> t.name().equals(p.name())).findFirst().orElse(null);
        JsonSchema schema = new JsonSchema();
        schema.types(Set.of(typed == null ? "string" : typed.type()));
        if (typed != null && typed.format() != null) {
            schema.format(typed.format());
        }
        if (p.regex() != null) {
            schema.pattern("^(?:" + p.regex() + ")$");
        }
        return new Parameter().in("path").name(p.name()).required(true).schema(schema);
    }
}
