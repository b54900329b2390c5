package dev.gatewaystack.gateway.render.kubernetes;

import java.util.Map;

/** The labels every object carries; {@link #NAME} selects a component's pods. */
final class Labels {
    static final String NAME = "app.kubernetes.io/name";
    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private Labels() {
    }

    static Map<String, String> of(String name) {
        return Map.of(NAME, name, PART_OF, "gatewaystack", MANAGED_BY, "gatewaystack-gateway-generator");
    }

    static Map<String, String> selector(String name) {
        return Map.of(NAME, name);
    }
}
