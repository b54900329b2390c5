package dev.gatewaystack.auth;

import io.helidon.config.Config;
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

        AuthService service = AuthService.start(Config.create());
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "auth-shutdown"));
        LOG.info("auth-service listening on port {}, issuer {}", service.port(), service.settings().issuer());
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
