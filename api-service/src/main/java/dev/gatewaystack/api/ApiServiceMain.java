package dev.gatewaystack.api;

import dev.gatewaystack.support.ServiceLogging;
import io.helidon.config.Config;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Starts api-service: configuration from application.yaml, overridable by environment variables. */
public final class ApiServiceMain {
    private ApiServiceMain() {
    }

    public static void main(String[] args) {
        ServiceLogging.start(); // first: no logger and no MDC before logback is configured

        Config config = Config.create();
        // Helidon's metrics read the global configuration; unset, they would read everything a second time.
        Config.global(config);
        ApiService service = ApiService.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "api-service-shutdown"));
        LoggerFactory.getLogger(ApiServiceMain.class).info("api-service listening on port {}", service.port());
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
