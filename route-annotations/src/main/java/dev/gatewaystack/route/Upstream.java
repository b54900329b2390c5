package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The upstream (backend service) a handler class belongs to. Put it on the handler class or on a
 * {@code package-info.java}; handler classes inherit it from their package and its parent packages.
 * All declarations naming the same service in one module must agree.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface Upstream {
    /** Logical service name, equal to its Compose service name, e.g. {@code api-service}. */
    String service();

    /** Port the service listens on inside the network. */
    int port() default 8080;

    /** How the gateway spreads requests over the servers. */
    Balancing balancing() default Balancing.ROUND_ROBIN;

    /** What to hash when {@link #balancing()} is {@link Balancing#HASH}; ignored otherwise. */
    HashKey hashKey() default HashKey.CLIENT_IP;

    /**
     * Idle keepalive connections the gateway keeps open to this upstream per worker (0 disables). 64 rather than 16:
     * when more requests are in flight than idle connections are kept, nginx closes the surplus after each response
     * and opens new ones, which cost the gateway a third of its CPU per request at 32 clients (scripts/bench).
     */
    int keepalive() default 64;

    /** Passive health: failed attempts within {@link #failTimeout()} before a server is taken out. */
    int maxFails() default 1;

    /** Passive health: the failure window, and how long a failed server stays out. */
    String failTimeout() default "10s";

    /**
     * How the gateway finds the servers: by the service's DNS name and {@link #port()}, followed while it runs. The
     * number of replicas is not declared: it is whatever the engine runs ({@code --scale}, Swarm replicas).
     */
    Discovery discovery() default Discovery.DNS;

    /**
     * A service not built from this code base (e.g. Grafana, the RabbitMQ UI): the gateway proxies its routes, but
     * no Helidon routing is generated, so its {@link Route} methods need no handler (declare them on an interface,
     * without parameters). The gateway resolves its host per request through the deployment's DNS, so an optional
     * service that is not running answers 502 instead of keeping the gateway from starting.
     */
    boolean external() default false;
}
