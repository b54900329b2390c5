package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.openapi.OpenApiDocuments;
import dev.gatewaystack.route.model.ServiceManifest;

/**
 * The OpenAPI 3.1 documents: {@value #GATEWAY} (public routes, served by the gateway at {@value #PUBLIC_PATH}) and
 * {@code openapi-<service>.json} per service (all its routes).
 */
final class OpenApiTarget implements RenderTarget {
    static final String GATEWAY = "openapi.json";
    static final String PUBLIC_PATH = "/api/openapi.json";

    private final GatewayTarget target;

    OpenApiTarget(GatewayTarget target) {
        this.target = target;
    }

    static String serviceFile(String service) {
        return "openapi-" + service + ".json";
    }

    @Override
    public void render(RoutePlan plan, Output out) {
        String origin = ServerRenderer.defaultPublicOrigin(target);
        out.write(GATEWAY, OpenApiDocuments.gateway(plan, origin));
        for (ServiceManifest m : plan.services()) {
            out.write(serviceFile(m.service()), OpenApiDocuments.service(plan, m.service(), origin));
        }
    }
}
