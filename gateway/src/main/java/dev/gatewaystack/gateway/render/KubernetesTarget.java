package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.kubernetes.KubernetesManifests;
import dev.gatewaystack.gateway.render.kubernetes.KubernetesStack;
import dev.gatewaystack.route.model.ServiceManifest;

import java.util.List;

/**
 * Kubernetes manifests for the stack. The gateway's nginx.conf in its ConfigMap is this deployment's config with
 * every upstream at its Service's cluster DNS name (one Service per service; kube-proxy spreads the connections
 * over the pods).
 */
final class KubernetesTarget implements RenderTarget {
    private final GatewayTarget target;
    private final KubernetesStack stack;

    KubernetesTarget(GatewayTarget target, KubernetesStack stack) {
        this.target = target;
        this.stack = stack;
    }

    @Override
    public void render(RoutePlan plan, Output out) {
        out.write(KubernetesManifests.STACK, KubernetesManifests.stackYaml(stack, plan,
                NginxTarget.nginxConf(plan, clusterTarget(plan))));
        out.write(KubernetesManifests.HTTP_ROUTES, KubernetesManifests.httpRoutesYaml(stack, plan));
    }

    GatewayTarget clusterTarget(RoutePlan plan) {
        GatewayTarget cluster = target;
        for (ServiceManifest m : plan.services()) {
            cluster = cluster.withServers(m.service(), List.of(stack.dns(m.service()) + ":" + m.upstream().port()));
        }
        return cluster;
    }
}
