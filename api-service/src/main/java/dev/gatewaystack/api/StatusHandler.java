package dev.gatewaystack.api;

import dev.gatewaystack.api.http.JsonBodies;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Route;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Says which replica answered: the smallest route that proves gateway → service routing end to end. The answer never
 * changes for a replica, so it is serialized once: building it per request with JSON-P cost a JsonProvider lookup
 * (a ServiceLoader scan) and Helidon's JSON-P media writer on every call, which made this route slower than
 * /api/reference-data.
 */
public final class StatusHandler {
    /** The answer: keys in this order. */
    record Body(String service, String status, String instance) {
    }

    private final byte[] body;

    public StatusHandler(String instance) {
        this.body = JsonBodies.bytes(new Body(ApiServiceRoutes.SERVICE, "UP", instance));
    }

    @Route(path = "/api/status", methods = HttpMethod.GET)
    public void status(ServerRequest request, ServerResponse response) {
        JsonBodies.sendBytes(response, Status.OK_200, body);
    }
}
