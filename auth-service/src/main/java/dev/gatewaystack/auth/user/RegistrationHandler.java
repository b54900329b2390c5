package dev.gatewaystack.auth.user;

import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestText;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.RateLimit;
import dev.gatewaystack.route.Route;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Map;

/** JSON registration: {@code {"email": ..., "password": ...}} creates a user with role {@code user}. */
public final class RegistrationHandler {
    private final UserService users;

    public RegistrationHandler(UserService users) {
        this.users = users;
    }

    @Route(path = "/auth/register", methods = HttpMethod.POST)
    @RateLimit(rate = "10r/m", burst = 10)
    @MaxBodySize("16k")
    public void register(ServerRequest req, ServerResponse res) {
        boolean json = RequestText.contentType(req)
                .map(t -> "application".equals(t.mediaType().type()) && "json".equals(t.mediaType().subtype()))
                .orElse(false);
        if (!json) {
            throw Problem.of(415, "Unsupported Media Type", "send the registration as application/json");
        }
        if (!req.content().hasEntity()) {
            throw Problem.invalid(Map.of("body", "must be a JSON object with email and password"));
        }
        JsonObject body;
        try {
            JsonValue value;
            try (var reader = Json.createReader(new java.io.StringReader(req.content().as(String.class)))) {
                value = reader.readValue();
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw Problem.invalid(Map.of("body", "must be a JSON object with email and password"));
            }
            body = value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw Problem.invalid(Map.of("body", "is not valid JSON"));
        } catch (Problem e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsson's own limits (e.g. nesting deeper than 1000) are not JsonExceptions.
            throw Problem.invalid(Map.of("body", "is not valid JSON"));
        }
        User user = users.register(string(body, "email"), string(body, "password"));
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, "/oauth2/userinfo");
        res.send(Json.createObjectBuilder()
                .add("id", user.id().toString())
                .add("email", user.email())
                .add("roles", Json.createArrayBuilder(user.roles()))
                .build());
    }

    private static String string(JsonObject body, String field) {
        JsonValue v = body.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw Problem.invalid(Map.of(field, "must be a string"));
        }
        return RequestText.require(field, s.getString());
    }
}
