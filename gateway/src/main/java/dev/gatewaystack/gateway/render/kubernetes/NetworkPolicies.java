package dev.gatewaystack.gateway.render.kubernetes;

import dev.gatewaystack.route.model.ServiceManifest;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Compose isolation as NetworkPolicies: every pod of the namespace denies ingress unless a policy allows it;
 * only the gateway is reachable from outside; a service only from the gateway, the services that call it and the
 * metrics scraper (observe port); middleware and the admin UIs only from their clients. Egress is not limited.
 */
final class NetworkPolicies {
    static final String DEFAULT_DENY = "default-deny-ingress";

    private NetworkPolicies() {
    }

    static List<NetworkPolicy> of(KubernetesStack stack, List<ServiceManifest> manifests) {
        List<NetworkPolicy> policies = new ArrayList<>();
        policies.add(new NetworkPolicyBuilder()
                .withNewMetadata().withName(DEFAULT_DENY).withNamespace(stack.namespace())
                .withLabels(Labels.of(KubernetesStack.GATEWAY)).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec().build());
        policies.add(policy(stack, KubernetesStack.GATEWAY, List.of(
                new NetworkPolicyIngressRuleBuilder().withPorts(port("443/TCP"), port("80/TCP")).build(),
                rule(List.of(stack.scraper()), List.of(Workloads.GATEWAY_STATUS_PORT + "/TCP")))));
        Map<String, List<String>> callers = new TreeMap<>();
        stack.calls().forEach((caller, callees) -> callees.forEach(c ->
                callers.computeIfAbsent(c, k -> new ArrayList<>()).add(caller)));
        for (ServiceManifest m : manifests) {
            int port = m.upstream().port();
            if (m.upstream().external()) {
                policies.add(policy(stack, m.service(), List.of(rule(List.of(KubernetesStack.GATEWAY), List.of(port + "/TCP")))));
                continue;
            }
            List<String> from = new ArrayList<>(List.of(KubernetesStack.GATEWAY));
            from.addAll(callers.getOrDefault(m.service(), List.of()));
            policies.add(policy(stack, m.service(), List.of(rule(from, List.of(port + "/TCP")),
                    rule(List.of(stack.scraper()), List.of(stack.observePort() + "/TCP")))));
        }
        new TreeMap<>(stack.middleware()).forEach((name, mw) ->
                policies.add(policy(stack, name, List.of(rule(mw.clients(), mw.ports())))));
        return policies;
    }

    private static NetworkPolicy policy(KubernetesStack stack, String pods, List<NetworkPolicyIngressRule> rules) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-to-" + pods).withNamespace(stack.namespace())
                .withLabels(Labels.of(pods)).endMetadata()
                .withNewSpec().withNewPodSelector().withMatchLabels(Labels.selector(pods)).endPodSelector()
                .withPolicyTypes("Ingress").withIngress(rules).endSpec().build();
    }

    private static NetworkPolicyIngressRule rule(List<String> from, List<String> ports) {
        List<NetworkPolicyPeer> peers = from.stream().map(f -> new NetworkPolicyPeerBuilder()
                .withNewPodSelector().withMatchLabels(Labels.selector(f)).endPodSelector().build()).toList();
        return new NetworkPolicyIngressRuleBuilder().withFrom(peers)
                .withPorts(ports.stream().map(NetworkPolicies::port).toList()).build();
    }

    /** {@code 5432/TCP}. */
    private static NetworkPolicyPort port(String port) {
        String[] p = port.split("/");
        return new NetworkPolicyPortBuilder().withProtocol(p[1]).withPort(new IntOrString(Integer.parseInt(p[0]))).build();
    }
}
