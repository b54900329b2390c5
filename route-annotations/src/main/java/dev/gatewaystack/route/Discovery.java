package dev.gatewaystack.route;

/** How the gateway finds the servers of an upstream. */
public enum Discovery {
    /**
     * The servers are every address the service's DNS name ({@code <service>}; {@code tasks.<service>} on Docker
     * Swarm) resolves to, followed while the gateway runs: {@code docker compose up --scale <service>=N} or a Swarm
     * service's replicas change the servers within seconds, with no edit, rebuild or restart. How many replicas
     * run is the engine's business, never the annotation's.
     */
    DNS
}
