package dev.gatewaystack.route.model;

import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.Discovery;
import dev.gatewaystack.route.HashKey;

/** An upstream as declared by {@link dev.gatewaystack.route.Upstream}. */
public record UpstreamSpec(int port,
                           Balancing balancing,
                           HashKey hashKey,
                           int keepalive,
                           int maxFails,
                           String failTimeout,
                           Discovery discovery,
                           int replicas) {
}
