package dev.gatewaystack.auth;

import dev.gatewaystack.support.ServiceLogging;
import io.helidon.config.Config;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Starts auth-service: configuration from application.yaml, overridable by environment variables. */
public final class AuthServiceMain {
    private AuthServiceMain() {
    }

    public static void main(String[] args) {
        ServiceLogging.start(); // first: no logger and no MDC before logback is configured

        Config config = Config.create();
        // Helidon's metrics read the global configuration; unset, they would read everything a second time.
        Config.global(config);
        AuthService service = AuthService.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "auth-shutdown"));
        LoggerFactory.getLogger(AuthServiceMain.class).info("auth-service listening on port {}, issuer {}", service.port(), service.settings().issuer());
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
