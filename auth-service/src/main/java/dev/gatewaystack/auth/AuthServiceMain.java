package dev.gatewaystack.auth;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Starts auth-service: configuration from application.yaml, overridable by environment variables. */
public final class AuthServiceMain {
    private static final Logger LOG = LoggerFactory.getLogger(AuthServiceMain.class);

    private AuthServiceMain() {
    }

    public static void main(String[] args) {
        // Helidon logs through java.util.logging; route it to logback.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        Config config = Config.create();
        WebServer server = WebServer.builder()
                .config(config.get("server"))
                .routing(routing -> routing(routing, config))
                .build()
                .start();
        LOG.info("auth-service listening on port {}", server.port());
    }

    /** Every annotated route is registered by the generated {@link AuthServiceRoutes}; none by hand. */
    static void routing(HttpRouting.Builder routing, Config config) {
        routing.register(new AuthServiceRoutes(new StatusHandler(instanceName(config))));
    }

    static String instanceName(Config config) {
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
