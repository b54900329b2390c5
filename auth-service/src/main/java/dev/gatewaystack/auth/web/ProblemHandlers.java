package dev.gatewaystack.auth.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;

/** Every error leaves the service as {@code application/problem+json} (RFC 9457); never with a stack trace. */
public final class ProblemHandlers {
    public static final HttpMediaType PROBLEM_JSON = HttpMediaType.create("application/problem+json");
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private ProblemHandlers() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(Problem.class, (req, res, problem) -> send(req, res, problem));
        routing.error(HttpException.class, (req, res, e) -> {
            int code = e.status().code();
            send(req, res, Problem.of(code, e.status().reasonPhrase(),
                    code >= 500 ? "the request could not be processed" : e.getMessage()));
        });
        routing.error(Exception.class, (req, res, e) -> {
            String incident = UUID.randomUUID().toString();
            LOG.error("unexpected failure on {} {} (incident {})", req.prologue().method().text(),
                    req.path().path(), incident, e);
            send(req, res, Problem.of(500, "Internal Server Error",
                    "the request could not be processed; incident " + incident));
        });
    }

    public static void send(ServerRequest req, ServerResponse res, Problem problem) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", problem.title())
                .add("status", problem.status())
                .add("detail", problem.detail() == null ? problem.title() : problem.detail())
                .add("instance", req.path().path());
        if (!problem.fieldErrors().isEmpty()) {
            JsonArrayBuilder errors = Json.createArrayBuilder();
            problem.fieldErrors().forEach((field, message) -> errors.add(Json.createObjectBuilder()
                    .add("field", field).add("pointer", "#/" + field).add("detail", message)));
            body.add("errors", errors);
        }
        for (Map.Entry<String, String> e : problem.extensions().entrySet()) {
            body.add(e.getKey(), e.getValue());
        }
        res.status(Status.create(problem.status()));
        problem.headers().forEach(res::header);
        res.headers().contentType(PROBLEM_JSON);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body.build().toString());
    }
}
