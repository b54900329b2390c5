package dev.gatewaystack.auth;

import dev.gatewaystack.support.ServiceStart;
import io.helidon.config.Config;
import org.slf4j.LoggerFactory;

/** Starts auth-service: configuration from application.yaml, overridable by environment variables. */
public final class AuthServiceMain {
    private AuthServiceMain() {
    }

    public static void main(String[] args) {
        Config config = ServiceStart.configure(); // first: logging is configured before anything logs
        AuthService service = AuthService.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "auth-shutdown"));
        LoggerFactory.getLogger(AuthServiceMain.class).info("auth-service listening on port {}, issuer {}", service.port(), service.settings().issuer());
    }
}
