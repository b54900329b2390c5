package dev.gatewaystack.api;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Route;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;

/** Says which replica answered: the smallest route that proves gateway → service routing end to end. */
public final class StatusHandler {
    private final String instance;

    public StatusHandler(String instance) {
        this.instance = instance;
    }

    @Route(path = "/api/status", methods = HttpMethod.GET)
    public void status(ServerRequest request, ServerResponse response) {
        response.send(Json.createObjectBuilder()
                .add("service", ApiServiceRoutes.SERVICE)
                .add("status", "UP")
                .add("instance", instance)
                .build());
    }
}
