package dev.gatewaystack.gateway.render.kubernetes;

import dev.gatewaystack.route.model.ServiceManifest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deployments, Services, HorizontalPodAutoscalers and PodDisruptionBudgets: one set per service built here (all
 * are stateless: their state is in PostgreSQL, RabbitMQ and Kafka) and one for the gateway (nginx with the config
 * rendered for the cluster in a ConfigMap).
 */
final class Workloads {
    static final String HTTP = "http";
    static final String OBSERVE = "observe";
    static final String HTTPS = "https";
    static final String STATUS = "status";
    static final int GATEWAY_STATUS_PORT = 8081;
    /** The uid/gid the service images run as (api-service/Dockerfile, auth-service/Dockerfile). */
    static final long SERVICE_UID = 10001L;
    static final String GATEWAY_CONFIG = "gateway-nginx";
    static final int INITIAL_REPLICAS = 2;
    static final String GATEWAY_TLS = "gateway-tls";

    private Workloads() {
    }

    static List<HasMetadata> service(KubernetesStack stack, ServiceManifest m) {
        String name = m.service();
        // The annotation says how replicas are found (DNS), not how many: start with two, the HPA takes it from there.
        int replicas = INITIAL_REPLICAS;
        Container container = new ContainerBuilder()
                .withName(name).withImage(stack.image(name))
                .addNewPort().withName(HTTP).withContainerPort(m.upstream().port()).endPort()
                .addNewPort().withName(OBSERVE).withContainerPort(stack.observePort()).endPort()
                // Settings and secrets as in compose.yaml's environment (README: Kubernetes), provided by the operator.
                .addNewEnvFrom().withNewConfigMapRef().withName(name + "-env").withOptional(true).endConfigMapRef().endEnvFrom()
                .addNewEnvFrom().withNewSecretRef().withName(name + "-secrets").withOptional(true).endSecretRef().endEnvFrom()
                .withStartupProbe(probe("/observe/health/live", 5, 24))
                .withLivenessProbe(probe("/observe/health/live", 10, 3))
                .withReadinessProbe(probe("/observe/health/ready", 5, 2))
                .withNewResources()
                .addToRequests("cpu", new Quantity("250m")).addToRequests("memory", new Quantity("384Mi"))
                .addToLimits("memory", new Quantity("512Mi"))
                .endResources()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();
        PodSpec pod = new PodSpecBuilder()
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(SERVICE_UID).withRunAsGroup(SERVICE_UID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .withContainers(container)
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .build();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(deployment(stack, name, replicas, pod));
        objects.add(clusterService(stack, name, List.of(port(HTTP, m.upstream().port()), port(OBSERVE, stack.observePort()))));
        objects.add(autoscaler(stack, name, Math.max(2, replicas)));
        objects.add(disruptionBudget(stack, name));
        return objects;
    }

    /** nginx with the cluster's config (a ConfigMap over the image's nginx.conf) and the TLS Secret as certificates. */
    static List<HasMetadata> gateway(KubernetesStack stack, String nginxConf) {
        String name = KubernetesStack.GATEWAY;
        ConfigMap config = new ConfigMapBuilder()
                .withNewMetadata().withName(GATEWAY_CONFIG).withNamespace(stack.namespace())
                .withLabels(Labels.of(name)).endMetadata()
                .withData(Map.of("nginx.conf", nginxConf))
                .build();
        Container container = new ContainerBuilder()
                .withName(name).withImage(stack.image(name))
                .addNewPort().withName(HTTPS).withContainerPort(443).endPort()
                .addNewPort().withName(HTTP).withContainerPort(80).endPort()
                .addNewPort().withName(STATUS).withContainerPort(GATEWAY_STATUS_PORT).endPort()
                .addNewEnvFrom().withNewConfigMapRef().withName(name + "-env").withOptional(true).endConfigMapRef().endEnvFrom()
                .withReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath("/__gateway/health")
                        .withPort(new IntOrString(HTTPS)).withScheme("HTTPS").endHttpGet()
                        .withPeriodSeconds(10).withFailureThreshold(3).build())
                .withLivenessProbe(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(HTTPS)).endTcpSocket()
                        .withPeriodSeconds(10).withFailureThreshold(3).build())
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("memory", new Quantity("128Mi"))
                .endResources()
                // nginx's master binds 443/80 and starts workers as user nginx: root without other capabilities.
                .withNewSecurityContext().withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").withAdd("NET_BIND_SERVICE", "CHOWN", "SETUID", "SETGID")
                .endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("config").withMountPath("/etc/nginx/nginx.conf").withSubPath("nginx.conf")
                .withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("certs").withMountPath("/etc/nginx/certs").withReadOnly(true).endVolumeMount()
                .build();
        PodSpec pod = new PodSpecBuilder()
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container)
                .addNewVolume().withName("config").withNewConfigMap().withName(GATEWAY_CONFIG).endConfigMap().endVolume()
                .addNewVolume().withName("certs").withNewSecret().withSecretName(GATEWAY_TLS)
                .addNewItem().withKey("tls.crt").withPath("gateway.crt").endItem()
                .addNewItem().withKey("tls.key").withPath("gateway.key").endItem()
                .endSecret().endVolume()
                .build();
        Service service = clusterService(stack, name, List.of(port(HTTPS, 443), port(HTTP, 80)));
        service.getSpec().setType("LoadBalancer");
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(config);
        objects.add(deployment(stack, name, 2, pod));
        objects.add(service);
        objects.add(clusterService(stack, name + "-status", name, List.of(port(STATUS, GATEWAY_STATUS_PORT))));
        objects.add(autoscaler(stack, name, 2));
        objects.add(disruptionBudget(stack, name));
        return objects;
    }

    private static Probe probe(String path, int period, int failures) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(OBSERVE)).endHttpGet()
                .withPeriodSeconds(period).withTimeoutSeconds(3).withFailureThreshold(failures).build();
    }

    private static Deployment deployment(KubernetesStack stack, String name, int replicas, PodSpec pod) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(stack.namespace()).withLabels(Labels.of(name)).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(Labels.selector(name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Labels.of(name)).endMetadata().withSpec(pod).endTemplate()
                .endSpec().build();
    }

    private static ServicePort port(String name, int port) {
        return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(new IntOrString(name))
                .withProtocol("TCP").build();
    }

    private static Service clusterService(KubernetesStack stack, String name, List<ServicePort> ports) {
        return clusterService(stack, name, name, ports);
    }

    private static Service clusterService(KubernetesStack stack, String name, String selects, List<ServicePort> ports) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(stack.namespace()).withLabels(Labels.of(selects)).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(Labels.selector(selects)).withPorts(ports).endSpec()
                .build();
    }

    private static HorizontalPodAutoscaler autoscaler(KubernetesStack stack, String name, int min) {
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(name).withNamespace(stack.namespace()).withLabels(Labels.of(name)).endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name).endScaleTargetRef()
                .withMinReplicas(min).withMaxReplicas(Math.max(4, 2 * min))
                .addNewMetric().withType("Resource").withNewResource().withName("cpu")
                .withNewTarget().withType("Utilization").withAverageUtilization(70).endTarget().endResource().endMetric()
                .endSpec().build();
    }

    private static PodDisruptionBudget disruptionBudget(KubernetesStack stack, String name) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(name).withNamespace(stack.namespace()).withLabels(Labels.of(name)).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(Labels.selector(name)).endSelector().endSpec().build();
    }
}
