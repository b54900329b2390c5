package dev.gatewaystack.support;

import io.helidon.config.Config;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** What both services' {@code main} methods do before starting: logging, then the configuration. */
public final class ServiceStart {
    private ServiceStart() {
    }

    /**
     * Configures logging first ({@link #startLogging()}: no logger and no MDC before logback is configured),
     * then reads the configuration (application.yaml, overridable by environment variables) and makes it Helidon's
     * global one: Helidon's metrics read the global configuration and, unset, would read everything a second time.
     */
    public static Config configure() {
        startLogging();
        Config config = Config.create();
        Config.global(config);
        return config;
    }

    /**
     * Bridges java.util.logging (Helidon's) to SLF4J and configures logback, on the caller's thread, before anything
     * else runs. Not in the background: SLF4J binds whatever touches it while logback is still configuring itself to
     * stand-ins for good, and an MDC bound that way loses every field (a service's lines lost http.request.id when
     * logback started on a thread of its own: the e2e log search caught it).
     */
    private static void startLogging() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        LoggerFactory.getILoggerFactory();
    }

    /** The name this instance reports ({@code app.instance}, else the container's host name), for telling replicas apart. */
    public static String instanceName(Config config) {
        String configured = config.get("app.instance").asString().orElse("");
        if (!configured.isBlank()) {
            return configured;
        }
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
