package dev.gatewaystack.gateway.render.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.route.HttpMethod;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * OpenAPI 3.1 documents rendered from the plan: one per service (every route, internal ones marked
 * {@code x-gateway-visibility: internal}) and one for the gateway (the public routes of every service, which is
 * what a client can call). Built with swagger-core's model and written by its 3.1 serializer.
 */
public final class OpenApiDocuments {
    public static final String OAUTH2 = "oauth2";
    public static final String SESSION = "session";
    /** The path of the auth-service's OpenID Connect discovery document. */
    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String SESSION_COOKIE = "gs_session";

    private OpenApiDocuments() {
    }

    /** The gateway's document: every public route. */
    public static String gateway(RoutePlan plan, String publicOrigin) {
        return json(document("gatewaystack API", plan, publicOrigin, PlannedRoute::isPublic));
    }

    /** One service's document: all its routes. */
    public static String service(RoutePlan plan, String service, String publicOrigin) {
        return json(document(service + " API", plan, publicOrigin, r -> r.service().equals(service)));
    }

    static OpenAPI document(String title, RoutePlan plan, String publicOrigin, Predicate<PlannedRoute> include) {
        Schemas schemas = new Schemas();
        Map<String, PathItem> items = new TreeMap<>();
        boolean oauth2 = false;
        boolean session = false;
        for (PlannedRoute r : plan.routes()) {
            if (!include.test(r)) {
                continue;
            }
            PathItem item = items.computeIfAbsent(Operations.path(r.template()), p -> new PathItem());
            for (HttpMethod m : r.spec().methods()) {
                if (operation(item, m) != null) {
                    throw new IllegalStateException(m + " " + r.spec().path() + " is described twice");
                }
                item.operation(PathItem.HttpMethod.valueOf(m.name()), Operations.of(r, m, schemas));
            }
            oauth2 |= r.spec().authenticated();
            session |= r.spec().edgeAuth() != null;
        }
        Components components = new Components();
        if (oauth2) {
            components.addSecuritySchemes(OAUTH2, new SecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                    .openIdConnectUrl(publicOrigin + DISCOVERY_PATH)
                    .description("Bearer access tokens from the auth-service (OAuth 2.0 / OpenID Connect)"));
        }
        if (session) {
            components.addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.COOKIE).name(SESSION_COOKIE)
                    .description("The browser session cookie, checked by the gateway"));
        }
        components.addSchemas("Problem", Problems.schema());
        schemas.components().forEach(components::addSchemas);
        Problems.DESCRIPTIONS.keySet().forEach(status -> components.addResponses(status, Problems.response(status)));
        Paths paths = new Paths();
        items.forEach(paths::addPathItem);
        return new OpenAPI(SpecVersion.V31).openapi("3.1.0")
                .info(new Info().title(title).version("1")
                        .description("Generated from the route annotations at build time; do not edit."))
                .servers(List.of(new Server().url(publicOrigin)))
                .paths(paths)
                .components(components);
    }

    private static Object operation(PathItem item, HttpMethod m) {
        return Optional.ofNullable(item.readOperationsMap().get(PathItem.HttpMethod.valueOf(m.name()))).orElse(null);
    }

    static String json(OpenAPI api) {
        try {
            return Json31.pretty().writeValueAsString(api) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI document: " + e.getMessage(), e);
        }
    }
}
