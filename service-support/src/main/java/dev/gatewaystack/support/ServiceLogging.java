package dev.gatewaystack.support;

import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** What both services do first about logging. */
public final class ServiceLogging {
    private ServiceLogging() {
    }

    /**
     * Bridges java.util.logging (Helidon's) to SLF4J and configures logback on a thread of its own: reading its
     * configuration takes a fifth of a second, which the caller spends reading its own configuration meanwhile.
     * Lines logged before it is done are kept by SLF4J and written once it is.
     */
    public static void start() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        StartupTask.start("logging-start", LoggerFactory::getILoggerFactory);
    }
}
