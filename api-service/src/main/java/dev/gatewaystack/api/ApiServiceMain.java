package dev.gatewaystack.api;

import dev.gatewaystack.support.ServiceStart;
import io.helidon.config.Config;
import org.slf4j.LoggerFactory;

/** Starts api-service: configuration from application.yaml, overridable by environment variables. */
public final class ApiServiceMain {
    private ApiServiceMain() {
    }

    public static void main(String[] args) {
        Config config = ServiceStart.configure(); // first: logging is configured before anything logs
        ApiService service = ApiService.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "api-service-shutdown"));
        LoggerFactory.getLogger(ApiServiceMain.class).info("api-service listening on port {}", service.port());
    }
}
