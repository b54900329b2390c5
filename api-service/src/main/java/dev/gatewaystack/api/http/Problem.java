package dev.gatewaystack.api.http;

import io.helidon.http.Status;

import java.util.Map;

/**
 * An error answered as {@code application/problem+json} (RFC 9457). Thrown from handlers; {@link ProblemResponses}
 * writes it. {@code fields} names the request fields at fault (field → what is wrong), for 400 answers.
 */
public final class Problem extends RuntimeException {
    private final Status status;
    private final String title;
    private final Map<String, String> fields;
    private final Map<String, String> headers;

    private Problem(Status status, String title, String detail, Map<String, String> fields,
                    Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.fields = Map.copyOf(fields);
        this.headers = Map.copyOf(headers);
    }

    public static Problem of(Status status, String title, String detail) {
        return new Problem(status, title, detail, Map.of(), Map.of());
    }

    public static Problem invalid(Map<String, String> fields) {
        return new Problem(Status.BAD_REQUEST_400, "Invalid request",
                "One or more fields are invalid: " + String.join(", ", fields.keySet()), fields, Map.of());
    }

    public static Problem badRequest(String detail) {
        return of(Status.BAD_REQUEST_400, "Bad request", detail);
    }

    public static Problem notFound(String what) {
        return of(Status.NOT_FOUND_404, "Not found", what + " does not exist");
    }

    public static Problem conflict(String detail) {
        return of(Status.CONFLICT_409, "Conflict", detail);
    }

    public static Problem unprocessable(String detail) {
        return of(Status.create(422, "Unprocessable Content"), "Unprocessable request", detail);
    }

    /** 422 naming the fields whose values cannot be processed (valid on their own, not in this state). */
    public static Problem unprocessable(String detail, Map<String, String> fields) {
        return new Problem(Status.create(422, "Unprocessable Content"), "Unprocessable request", detail, fields,
                Map.of());
    }

    public static Problem unauthorized(String detail) {
        // RFC 6750: tell the client which scheme to use, and why the token failed.
        return new Problem(Status.UNAUTHORIZED_401, "Unauthorized", detail, Map.of(),
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    /** RFC 6750 §3.1: a valid token without the scope the resource requires. */
    public static Problem insufficientScope(String scope, String detail) {
        return new Problem(Status.FORBIDDEN_403, "Insufficient scope", detail, Map.of(),
                Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\""));
    }

    public static Problem unavailable(String detail) {
        return of(Status.SERVICE_UNAVAILABLE_503, "Service unavailable", detail);
    }

    public Status status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> fields() {
        return fields;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
