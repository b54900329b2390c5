package dev.gatewaystack.gateway.render.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * What the Kubernetes manifests need beyond the routes: names, images, the observability port, and who talks to
 * whom (the same edges as compose.yaml's environment: the services' database, broker and log shipper, api-service
 * to auth-service). Middleware itself comes from maintained operators or charts (README), labelled
 * {@code app.kubernetes.io/name=<name>} so the NetworkPolicies find it.
 *
 * @param namespace   where everything is created
 * @param imagePrefix image name prefix, e.g. {@code gatewaystack/} (images are {@code <prefix><service>:<tag>})
 * @param tag         image tag
 * @param observePort the services' health/metrics socket ("observe", application.yaml server.sockets)
 * @param calls       service → the built services it calls directly (not through the gateway)
 * @param middleware  middleware name → its ports and the built services (and the gateway) that use it (the
 *                    gateway's access log goes to Logstash as syslog over UDP)
 * @param scraper     the pod name label of the metrics scraper allowed on the observe port
 */
public record KubernetesStack(String namespace,
                              String imagePrefix,
                              String tag,
                              int observePort,
                              Map<String, List<String>> calls,
                              Map<String, Middleware> middleware,
                              String scraper) {

    /** A middleware endpoint and its clients; ports are written {@code 5432/TCP}. */
    public record Middleware(List<String> ports, List<String> clients) {
    }

    public static final String GATEWAY = "gateway";

    /** This project's stack, as compose.yaml wires it. */
    public static KubernetesStack project() {
        return new KubernetesStack("gatewaystack", "gatewaystack/", "dev", 9080,
                Map.of("api-service", List.of("auth-service")),
                Map.of("postgres", new Middleware(List.of("5432/TCP"), List.of("api-service", "auth-service")),
                        "rabbitmq", new Middleware(List.of("5672/TCP"), List.of("api-service", "auth-service")),
                        "kafka", new Middleware(List.of("9092/TCP"), List.of("api-service")),
                        "logstash", new Middleware(List.of("5000/TCP", "5140/UDP"), List.of("api-service", "auth-service", GATEWAY))),
                "prometheus");
    }

    public String image(String name) {
        return imagePrefix + name + ":" + tag;
    }

    /** The cluster DNS name of a Service in this namespace. */
    public String dns(String service) {
        return service + "." + namespace + ".svc.cluster.local";
    }
}
