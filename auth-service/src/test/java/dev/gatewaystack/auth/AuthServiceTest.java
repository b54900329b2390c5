package dev.gatewaystack.auth;

import io.helidon.config.Config;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ServerTest
class AuthServiceTest {
    private final Http1Client client;

    AuthServiceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Config config = Config.just(io.helidon.config.ConfigSources.create(Map.of("app.instance", "test-replica")));
        AuthServiceMain.routing(routing, config);
    }

    @Test
    void statusRouteIsRegisteredByTheGeneratedRouting() {
        try (Http1ClientResponse response = client.get("/auth/status").request()) {
            assertEquals(Status.OK_200, response.status());
            JsonObject body = response.as(JsonObject.class);
            assertEquals("auth-service", body.getString("service"));
            assertEquals("test-replica", body.getString("instance"));
        }
    }

    @Test
    void undeclaredPathIsNotFound() {
        try (Http1ClientResponse response = client.get("/auth/status/nope").request()) {
            assertEquals(Status.NOT_FOUND_404, response.status());
        }
    }
}
