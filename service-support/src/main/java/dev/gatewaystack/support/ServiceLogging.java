package dev.gatewaystack.support;

import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** What both services do first about logging. */
public final class ServiceLogging {
    private ServiceLogging() {
    }

    /**
     * Bridges java.util.logging (Helidon's) to SLF4J and configures logback, on the caller's thread, before anything
     * else runs. Not in the background: SLF4J binds whatever touches it while logback is still configuring itself to
     * stand-ins for good, and an MDC bound that way loses every field (a service's lines lost http.request.id when
     * logback started on a thread of its own: the e2e log search caught it).
     */
    public static void start() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        LoggerFactory.getILoggerFactory();
    }
}
