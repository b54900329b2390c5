package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import dev.gatewaystack.gateway.render.kubernetes.KubernetesManifests;
import dev.gatewaystack.gateway.render.kubernetes.KubernetesStack;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.ServiceManifest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests read back strictly: every YAML document deserialized into its fabric8 type with unknown
 * properties failing (fabric8 keeps unknown fields in additionalProperties, so any non-empty one anywhere in the
 * object fails too), written back identically, and checked for the fields and references the cluster needs.
 */
class KubernetesManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class);

    /** Node equality with 10001 as an int equal to 10001 as a long (YAML reads ints, the model holds longs). */
    private static final java.util.Comparator<JsonNode> SAME_NUMBERS = (a, b) -> a.equals(b)
            || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1;

    private static Map<String, String> files(List<ServiceManifest> manifests) {
        return NginxConfigRenderer.render(RoutePlan.of(manifests), GatewayTarget.compose());
    }

    /** Every document of a multi-document YAML file, as its fabric8 type, strictly. */
    static List<HasMetadata> strict(String yaml) throws Exception {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                String kind = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(kind);
                assertNotNull(type, "unexpected kind " + kind);
                HasMetadata o = YAML.treeToValue(doc, type);
                List<String> unknown = new ArrayList<>();
                unknownFields(o, kind + " " + o.getMetadata().getName(), unknown, new IdentityHashMap<>());
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException("unknown fields: " + unknown);
                }
                JsonNode back = YAML.valueToTree(o);
                assertTrue(doc.equals(SAME_NUMBERS, back), "written back differently: " + kind + "\n" + doc + "\n" + back);
                objects.add(o);
            }
        }
        return objects;
    }

    /** Walks fabric8 model getters, collecting every non-empty additionalProperties with its path. */
    private static void unknownFields(Object o, String path, List<String> out, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>
                || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || g.getDeclaringClass() == Object.class
                    || !(g.getName().startsWith("get") || g.getName().startsWith("is"))) {
                continue;
            }
            try {
                Object value = g.invoke(o);
                if (g.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        out.add(path + ": " + extra.keySet());
                    }
                } else {
                    unknownFields(value, path + "." + g.getName().replaceFirst("^(get|is)", ""), out, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(g + ": " + e.getMessage(), e);
            }
        }
    }

    private static <T> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return labels.entrySet().containsAll(selector.entrySet());
    }

    @Test
    void theValidatorRejectsAnUnknownFieldAnywhere() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x, namespace: y}
                spec:
                  replicas: 1
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                      - name: x
                        image: x
                        livenessProbe: {httpGet: {path: /, port: 80}, periodSecond: 3}
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict(yaml));
        assertTrue(e.getMessage().contains("periodSecond"), e.getMessage());
        assertThrows(Exception.class, () -> strict("apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: 80}\n"));
    }

    @Test
    void everyObjectOfTheProjectsStackIsStrictlyValidAndConsistent() throws Exception {
        List<ServiceManifest> manifests = ManifestFiles.loadAll(getClass().getClassLoader()).stream()
                .filter(m -> !m.service().startsWith("echo") && !m.service().startsWith("agree")).toList();
        checkStack(manifests);
    }

    @Test
    void theFixturesStackIsStrictlyValidAndConsistent() throws Exception {
        checkStack(Fixtures.all());
    }

    /**
     * Label maps are written in key order, so the files are the same in every build: they are built with
     * {@code Map.of}, which iterates in a different order in each JVM run.
     */
    @Test
    void labelMapsAreWrittenInKeyOrder() throws Exception {
        Map<String, String> files = files(Fixtures.all());
        int maps = 0;
        for (String file : List.of(KubernetesManifests.STACK, KubernetesManifests.HTTP_ROUTES)) {
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(files.get(file))) {
                while (docs.hasNext()) {
                    maps += checkLabelOrder(docs.next(), file);
                }
            }
        }
        assertTrue(maps > 10, "label maps found: " + maps);
        // The order above may be luck in one JVM run; the writer's own sorting is not.
        Map<String, String> reversed = new java.util.LinkedHashMap<>();
        reversed.put("zz", "last");
        reversed.put("aa", "first");
        String yaml = KubernetesManifests.YAML.writeValueAsString(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("n").withLabels(reversed).endMetadata().build());
        assertTrue(yaml.contains("aa: first") && yaml.indexOf("aa: first") < yaml.indexOf("zz: last"), yaml);
    }

    private static int checkLabelOrder(JsonNode node, String where) {
        int maps = 0;
        if (node != null && node.isObject()) {
            for (var field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                JsonNode value = field.getValue();
                if (Set.of("labels", "matchLabels").contains(field.getKey()) && value.size() > 1) {
                    List<String> keys = new ArrayList<>();
                    value.fieldNames().forEachRemaining(keys::add);
                    assertEquals(keys.stream().sorted().toList(), keys, where + ": " + field.getKey());
                    maps++;
                }
                maps += checkLabelOrder(value, where);
            }
        } else if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                maps += checkLabelOrder(element, where);
            }
        }
        return maps;
    }

    private static void checkStack(List<ServiceManifest> manifests) throws Exception {
        KubernetesStack stack = KubernetesStack.project();
        Map<String, String> files = files(manifests);
        List<HasMetadata> objects = strict(files.get(KubernetesManifests.STACK));
        for (HasMetadata o : objects) {
            assertFalse(o.getMetadata().getName() == null || o.getMetadata().getName().isEmpty(), o.getKind());
            if (!(o instanceof Namespace)) {
                assertEquals(stack.namespace(), o.getMetadata().getNamespace(), o.getKind() + " " + o.getMetadata().getName());
            }
        }
        List<Deployment> deployments = all(objects, Deployment.class);
        Set<String> built = manifests.stream().filter(m -> !m.upstream().external()).map(ServiceManifest::service)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expectedDeployments = new TreeSet<>(built);
        expectedDeployments.add("gateway");
        assertEquals(expectedDeployments, deployments.stream().map(d -> d.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new)));
        for (Deployment d : deployments) {
            String name = d.getMetadata().getName();
            var pod = d.getSpec().getTemplate();
            assertTrue(selects(d.getSpec().getSelector().getMatchLabels(), pod.getMetadata().getLabels()), name);
            for (Container c : pod.getSpec().getContainers()) {
                assertFalse(c.getImage().isEmpty(), name);
                assertNotNull(c.getResources().getLimits().get("memory"), name + " memory limit");
                assertNotNull(c.getResources().getRequests().get("cpu"), name + " cpu request");
                assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), name);
                assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), name);
                Set<String> ports = c.getPorts().stream().map(ContainerPort::getName).collect(Collectors.toSet());
                for (Probe p : new Probe[]{c.getLivenessProbe(), c.getReadinessProbe()}) {
                    assertNotNull(p, name + " probes");
                    var port = p.getHttpGet() != null ? p.getHttpGet().getPort() : p.getTcpSocket().getPort();
                    assertTrue(ports.contains(port.getStrVal()), name + " probe port " + port);
                }
                if (built.contains(name)) {
                    assertTrue(pod.getSpec().getSecurityContext().getRunAsNonRoot(), name + " runs as non-root");
                    assertEquals("/observe/health/ready", c.getReadinessProbe().getHttpGet().getPath());
                    assertEquals("observe", c.getReadinessProbe().getHttpGet().getPort().getStrVal());
                    int port = manifests.stream().filter(m -> m.service().equals(name)).findFirst().orElseThrow()
                            .upstream().port();
                    assertTrue(c.getPorts().stream().anyMatch(p -> p.getContainerPort() == port && p.getName().equals("http")));
                    assertTrue(c.getPorts().stream().anyMatch(p -> p.getContainerPort() == stack.observePort()));
                }
            }
        }
        for (Service s : all(objects, Service.class)) {
            Deployment target = deployments.stream().filter(d -> selects(s.getSpec().getSelector(),
                    d.getSpec().getTemplate().getMetadata().getLabels())).findFirst().orElseThrow(
                    () -> new AssertionError("Service " + s.getMetadata().getName() + " selects no Deployment"));
            Set<String> ports = target.getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts().stream()).map(ContainerPort::getName).collect(Collectors.toSet());
            for (ServicePort p : s.getSpec().getPorts()) {
                assertTrue(ports.contains(p.getTargetPort().getStrVal()), s.getMetadata().getName() + " " + p.getName());
            }
        }
        Set<String> deploymentNames = deployments.stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet());
        for (HorizontalPodAutoscaler h : all(objects, HorizontalPodAutoscaler.class)) {
            assertEquals("Deployment", h.getSpec().getScaleTargetRef().getKind());
            assertTrue(deploymentNames.contains(h.getSpec().getScaleTargetRef().getName()));
            assertTrue(h.getSpec().getMinReplicas() >= 2 && h.getSpec().getMaxReplicas() > h.getSpec().getMinReplicas());
        }
        assertEquals(expectedDeployments, all(objects, HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new)));
        for (PodDisruptionBudget b : all(objects, PodDisruptionBudget.class)) {
            assertTrue(deployments.stream().anyMatch(d -> selects(b.getSpec().getSelector().getMatchLabels(),
                    d.getSpec().getTemplate().getMetadata().getLabels())), b.getMetadata().getName());
        }
        assertEquals(expectedDeployments.size(), all(objects, PodDisruptionBudget.class).size());
        ConfigMap config = all(objects, ConfigMap.class).getFirst();
        String conf = config.getData().get("nginx.conf");
        for (String service : built) {
            int port = manifests.stream().filter(m -> m.service().equals(service)).findFirst().orElseThrow().upstream().port();
            assertTrue(conf.contains("server " + stack.dns(service) + ":" + port), "upstream of " + service + " via DNS");
        }
        checkNetworkPolicies(stack, all(objects, NetworkPolicy.class), manifests);
        checkHttpRoutes(strict(files.get(KubernetesManifests.HTTP_ROUTES)), RoutePlan.of(manifests), all(objects, Service.class), manifests);
    }

    private static void checkNetworkPolicies(KubernetesStack stack, List<NetworkPolicy> policies, List<ServiceManifest> manifests) {
        NetworkPolicy deny = policies.stream().filter(p -> p.getMetadata().getName().equals("default-deny-ingress"))
                .findFirst().orElseThrow();
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels() == null
                || deny.getSpec().getPodSelector().getMatchLabels().isEmpty(), "default deny selects every pod");
        assertEquals(List.of("Ingress"), deny.getSpec().getPolicyTypes());
        for (NetworkPolicy p : policies) {
            if (p == deny) {
                continue;
            }
            String pods = p.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name");
            for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
                boolean open = rule.getFrom() == null || rule.getFrom().isEmpty();
                assertEquals(pods.equals("gateway") && open, open, "only the gateway is open to everyone: " + pods);
            }
        }
        NetworkPolicy postgres = policies.stream().filter(p -> p.getMetadata().getName().equals("allow-to-postgres"))
                .findFirst().orElseThrow();
        assertEquals(Set.copyOf(stack.middleware().get("postgres").clients()), postgres.getSpec().getIngress().getFirst()
                .getFrom().stream().map(f -> f.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .collect(Collectors.toSet()));
        for (ServiceManifest m : manifests) {
            assertTrue(policies.stream().anyMatch(p -> p.getMetadata().getName().equals("allow-to-" + m.service())),
                    "a policy for " + m.service());
        }
    }

    private static void checkHttpRoutes(List<HasMetadata> objects, RoutePlan plan, List<Service> services,
                                        List<ServiceManifest> manifests) {
        Set<String> matched = new TreeSet<>();
        for (HTTPRoute route : all(objects, HTTPRoute.class)) {
            assertTrue(route.getSpec().getRules().size() <= 16, "the Gateway API allows 16 rules per HTTPRoute");
            assertEquals("gatewaystack", route.getSpec().getParentRefs().getFirst().getName());
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                HTTPBackendRef backend = rule.getBackendRefs().getFirst();
                ServiceManifest m = manifests.stream().filter(x -> x.service().equals(backend.getName())).findFirst().orElseThrow();
                assertEquals(m.upstream().port(), backend.getPort());
                if (!m.upstream().external()) {
                    assertTrue(services.stream().anyMatch(s -> s.getMetadata().getName().equals(backend.getName())
                            && s.getSpec().getPorts().stream().anyMatch(p -> p.getPort().equals(backend.getPort()))));
                }
                for (HTTPRouteMatch match : rule.getMatches()) {
                    String type = match.getPath().getType();
                    assertTrue(Set.of("Exact", "PathPrefix", "RegularExpression").contains(type), type);
                    if (type.equals("RegularExpression")) {
                        Pattern.compile(match.getPath().getValue());
                    }
                    matched.add(match.getMethod() + " " + match.getPath().getValue());
                }
            }
        }
        Set<String> expected = new TreeSet<>();
        for (PlannedRoute r : plan.routes()) {
            if (r.isPublic()) {
                boolean literal = r.template().segments().stream()
                        .allMatch(s -> s instanceof dev.gatewaystack.route.model.PathTemplate.Literal);
                String value = literal ? r.spec().path() : r.template().nginxRegex(r.match());
                r.methods().forEach(m -> expected.add(m + " " + value));
            }
        }
        assertEquals(expected, matched, "every public route and method, nothing else");
    }

    @Test
    void unsupportedPoliciesAreListedAboveTheirHttpRouteAndInTheRouteTable() {
        Map<String, String> files = files(Fixtures.all());
        String routes = files.get(KubernetesManifests.HTTP_ROUTES);
        assertTrue(routes.contains("# api.createItem /api/items: not carried: @RateLimit(10r/s), @MaxBodySize(10m), @Cors"),
                routes);
        assertTrue(routes.contains("# api.getItem /api/items/{id:[0-9]+}: not carried: @EdgeAuth, @Cache(30s), retry"), routes);
        String table = files.get("routes.md");
        String gaps = table.substring(table.indexOf("## Not carried by the Gateway API HTTPRoutes"));
        assertTrue(table.contains("## Not carried by the Gateway API HTTPRoutes (kubernetes-httproutes.yaml)"), table);
        assertTrue(gaps.contains("| api.createItem | POST | `/api/items` | @RateLimit(10r/s), @MaxBodySize(10m), @Cors |"), gaps);
        assertTrue(table.contains("| api.purgeItem |"));
        assertFalse(gaps.contains("| api.purgeItem |"), "internal routes have no HTTPRoute");
    }

    @Test
    void aStackLargerThanSixteenRoutesIsSplitAcrossHttpRoutes() throws Exception {
        List<dev.gatewaystack.route.model.RouteSpec> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(RouteBuilder.route("big.r" + i, "com.example.Big#r" + i, "/big/r" + i).build());
        }
        ServiceManifest big = ServiceManifest.of("big-service", Fixtures.upstream(8099,
                dev.gatewaystack.route.Balancing.ROUND_ROBIN, dev.gatewaystack.route.HashKey.CLIENT_IP, 4), many);
        List<HTTPRoute> routes = all(strict(files(List.of(big)).get(KubernetesManifests.HTTP_ROUTES)), HTTPRoute.class);
        assertEquals(List.of("big-service", "big-service-2"), routes.stream().map(r -> r.getMetadata().getName()).toList());
        assertEquals(List.of(16, 4), routes.stream().map(r -> r.getSpec().getRules().size()).toList());
    }
}
