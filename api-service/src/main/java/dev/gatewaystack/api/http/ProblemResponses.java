package dev.gatewaystack.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;

/** Turns every error a handler throws into {@code application/problem+json}; never a stack trace. */
public final class ProblemResponses {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create("X-Request-ID");
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(Problem.class, (req, res, p) -> send(req, res, p));
        // Helidon's own (e.g. the generated routing's 400 for a malformed path parameter).
        routing.error(HttpException.class, (req, res, e) -> send(req, res,
                Problem.of(e.status(), e.status().reasonPhrase(), e.getMessage())));
        routing.error(Exception.class, (req, res, e) -> {
            String incident = UUID.randomUUID().toString();
            LOG.error("Unhandled error, incident {} on {} {}", incident, req.prologue().method(), req.path().path(), e);
            send(req, res, Problem.of(Status.INTERNAL_SERVER_ERROR_500, "Internal error",
                    "The request failed; incident " + incident));
        });
    }

    public static void send(ServerRequest req, ServerResponse res, Problem p) {
        res.status(p.status());
        for (Map.Entry<String, String> h : p.headers().entrySet()) {
            res.header(h.getKey(), h.getValue());
        }
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.send(body(p, req.path().path(), req.headers().first(REQUEST_ID).orElse(null)));
    }

    /**
     * Errors Helidon answers before or outside the routing's error handlers (a malformed path parameter from the
     * generated routing, a bad request line, a body above server.max-payload-size) in the same format.
     */
    public static DirectHandlers directHandlers() {
        DirectHandler handler = (request, event, status, headers, message) -> {
            String detail = event == DirectHandler.EventType.INTERNAL_ERROR ? "The request failed" : message;
            Problem p = Problem.of(status, status.reasonPhrase(), detail == null || detail.isBlank()
                    ? status.reasonPhrase() : detail);
            headers.set(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .entity(body(p, request.path(), request.headers().first(REQUEST_ID).orElse(null)))
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    private static byte[] body(Problem p, String instance, String requestId) {
        ObjectNode body = JsonBodies.MAPPER.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", p.title());
        body.put("status", p.status().code());
        body.put("detail", p.detail());
        if (instance != null) {
            body.put("instance", instance);
        }
        if (!p.fields().isEmpty()) {
            ObjectNode fields = body.putObject("errors");
            p.fields().forEach(fields::put);
        }
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return JsonBodies.bytes(body);
    }
}
