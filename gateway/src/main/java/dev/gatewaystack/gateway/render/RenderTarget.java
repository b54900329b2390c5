package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.plan.RoutePlan;

/**
 * One output rendered from a plan: the nginx config ({@link NginxTarget}), the route table
 * ({@link RouteTableRenderer}); an OpenAPI document or Kubernetes manifests would be further implementations,
 * listed in {@link NginxConfigRenderer#targets}. A target only reads the plan; it never re-checks or re-plans.
 */
public interface RenderTarget {
    void render(RoutePlan plan, Output out);

    /** Where a target puts its files, named relative to the output directory. */
    @FunctionalInterface
    interface Output {
        void write(String fileName, String content);
    }
}
