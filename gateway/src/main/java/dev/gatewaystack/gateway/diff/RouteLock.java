package dev.gatewaystack.gateway.diff;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.route.HttpMethod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reviewed state of the routes (gateway/routes.lock.json): per "METHOD path" the route's service, id,
 * visibility, match, handler and every declared policy field flattened to {@code field.sub = value}. Body schemas
 * stay out (the OpenAPI document shows them); sorted, so the file diffs well in review.
 */
public record RouteLock(Map<String, Map<String, String>> routes) {
    static final String SERVICE = "service";
    static final String VISIBILITY = "visibility";
    static final String MAX_BODY_SIZE = "maxBodySize";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public RouteLock {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        routes.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
        routes = copy;
    }

    public static RouteLock of(RoutePlan plan) {
        Map<String, Map<String, String>> routes = new TreeMap<>();
        for (PlannedRoute r : plan.routes()) {
            Map<String, String> fields = fields(r);
            for (HttpMethod m : r.spec().methods()) {
                routes.put(key(m.name(), r.spec().path()), fields);
            }
        }
        return new RouteLock(routes);
    }

    static String key(String method, String path) {
        return method + " " + path;
    }

    private static Map<String, String> fields(PlannedRoute r) {
        Map<String, String> fields = new TreeMap<>();
        fields.put(SERVICE, r.service());
        JsonNode spec = JSON.valueToTree(r.spec());
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("path") && !e.getKey().equals("methods") && !e.getKey().equals("body")) {
                flatten(e.getKey(), e.getValue(), fields);
            }
        }
        return fields;
    }

    private static void flatten(String name, JsonNode value, Map<String, String> into) {
        if (value.isObject()) {
            value.fields().forEachRemaining(e -> flatten(name + "." + e.getKey(), e.getValue(), into));
        } else if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
            // a list of records (path parameters): one field per element, keyed by its name (else its position)
            for (int i = 0; i < value.size(); i++) {
                JsonNode e = value.get(i);
                flatten(name + "." + (e.hasNonNull("name") ? e.get("name").asText() : String.valueOf(i)),
                        e.has("name") ? ((com.fasterxml.jackson.databind.node.ObjectNode) e.deepCopy()).without("name") : e,
                        into);
            }
        } else if (value.isArray()) {
            StringBuilder b = new StringBuilder("[");
            value.forEach(v -> b.append(b.length() > 1 ? ", " : "").append(v.isValueNode() ? v.asText() : v.toString()));
            into.put(name, b.append(']').toString());
        } else {
            into.put(name, value.asText());
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(Map.of("routes", routes)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RouteLock fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            return new RouteLock(JSON.convertValue(root.get("routes"), new TypeReference<>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the route baseline: " + e.getMessage(), e);
        }
    }
}
