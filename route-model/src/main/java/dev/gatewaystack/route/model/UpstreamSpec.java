package dev.gatewaystack.route.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.Discovery;
import dev.gatewaystack.route.HashKey;

/**
 * An upstream as declared by {@link dev.gatewaystack.route.Upstream}; {@code external} marks a service not built
 * here (no generated routing, resolved per request by the gateway).
 */
public record UpstreamSpec(int port,
                           Balancing balancing,
                           HashKey hashKey,
                           int keepalive,
                           int maxFails,
                           String failTimeout,
                           Discovery discovery,
                           boolean external) {

    @JsonCreator
    public UpstreamSpec {
    }

    /** A service built here (not external). */
    public UpstreamSpec(int port, Balancing balancing, HashKey hashKey, int keepalive, int maxFails,
                        String failTimeout, Discovery discovery) {
        this(port, balancing, hashKey, keepalive, maxFails, failTimeout, discovery, false);
    }
}
