package dev.gatewaystack.support;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Renders every error as {@code application/problem+json} (RFC 9457), never a stack trace, in one shape:
 * {@code {type, title, status, detail, instance, requestId, errors: {field: message}}} ({@code errors} only when
 * fields are at fault, {@code requestId} when known).
 */
public final class ProblemResponses {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    /** Error handlers for what handlers throw: problems, Helidon's own HTTP errors, and anything else (500). */
    public static void register(HttpRouting.Builder routing) {
        routing.error(Problem.class, ProblemResponses::send);
        // Helidon's own (e.g. the generated routing's 400 for a malformed path parameter).
        routing.error(HttpException.class, (req, res, e) -> send(req, res, fromHttpException(e)));
        routing.error(Exception.class, (req, res, e) -> {
            if (databaseUnreachable(e)) {
                // Not a bug: the database is restarting or away (scripts/chaos.sh postgres-restart answered 500).
                LOG.warn("Database unreachable on {} {}: {}", req.prologue().method().text(), req.path().path(),
                        e.getMessage());
                send(req, res, Problem.unavailable("The database is unavailable; retry shortly")
                        .withHeader("Retry-After", "2"));
                return;
            }
            String incident = UUID.randomUUID().toString();
            LOG.error("Unhandled error, incident {} on {} {}", incident, req.prologue().method().text(),
                    req.path().path(), e);
            send(req, res, Problem.of(Status.INTERNAL_SERVER_ERROR_500, "Internal error",
                    "The request failed; incident " + incident));
        });
    }

    /**
     * Whether a failure means the database cannot be reached (a 503, which clients and the gateway may retry) rather
     * than a bug: the pool timed out waiting for a connection, or the driver reports SQLSTATE class 08 (connection
     * exception) or 57P0x (the server shutting down, crashed, or not yet accepting connections).
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    static Problem fromHttpException(HttpException e) {
        Status status = e.status();
        // A 5xx message may describe internals; a 4xx one describes the request.
        String detail = status.code() >= 500 ? "The request could not be processed" : e.getMessage();
        return Problem.of(status, status.reasonPhrase(), detail);
    }

    public static void send(ServerRequest req, ServerResponse res, Problem p) {
        res.status(p.status());
        for (Map.Entry<String, String> h : p.headers().entrySet()) {
            res.header(h.getKey(), h.getValue());
        }
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body(p, req.path().path(), RequestLogContext.requestId()
                .or(() -> RequestLogContext.wellFormedRequestId(req.headers())).orElse(null)));
    }

    /**
     * Errors Helidon answers before or outside the routing's error handlers (a bad request line or header, a
     * malformed query or path, a body above server.max-payload-size, an error after the response started) in the
     * same format. Set on the WebServer builder: {@code .directHandlers(ProblemResponses.directHandlers())}.
     */
    public static DirectHandlers directHandlers() {
        DirectHandler handler = (request, event, requested, headers, message) -> {
            // Helidon 4.1.7 reports some unreadable request lines (e.g. a control character in the method) as an
            // internal error; they are the client's mistake.
            Status status = event == DirectHandler.EventType.INTERNAL_ERROR && malformedRequestLine(request)
                    ? Status.BAD_REQUEST_400 : requested;
            String detail = status.code() >= 500 ? "The request could not be processed"
                    : event == DirectHandler.EventType.INTERNAL_ERROR ? "The request line is malformed" : message;
            Problem p = Problem.of(status, status.reasonPhrase(), detail);
            headers.set(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
            headers.set(HeaderNames.CACHE_CONTROL, "no-store");
            String instance;
            try {
                instance = request.path();
            } catch (RuntimeException e) {
                instance = null; // the request line itself was unreadable
            }
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .entity(body(p, instance, RequestLogContext.wellFormedRequestId(request.headers())
                            .orElse(null)))
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final java.util.regex.Pattern TARGET = java.util.regex.Pattern.compile("[\\x21-\\x7e]+");

    /** A method that is not an RFC 9110 token or a target with bytes outside visible ASCII. */
    static boolean malformedRequestLine(DirectHandler.TransportRequest request) {
        try {
            String method = request.method();
            String path = request.path();
            return method == null || !TOKEN.matcher(method).matches()
                    || (path != null && !path.isEmpty() && !TARGET.matcher(path).matches());
        } catch (RuntimeException e) {
            return true; // not even readable
        }
    }

    static byte[] body(Problem p, String instance, String requestId) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", p.title())
                .add("status", p.status().code())
                .add("detail", p.detail());
        if (instance != null && !instance.isEmpty()) {
            body.add("instance", instance);
        }
        if (requestId != null) {
            body.add("requestId", requestId);
        }
        if (!p.fields().isEmpty()) {
            JsonObjectBuilder errors = Json.createObjectBuilder();
            p.fields().forEach(errors::add);
            body.add("errors", errors);
        }
        return body.build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
