package dev.gatewaystack.support;

import io.helidon.http.Status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An error answered as {@code application/problem+json} (RFC 9457). Thrown from handlers; {@link ProblemResponses}
 * writes it. {@code fields} names the request fields at fault (field → what is wrong), for 400 answers; it is
 * rendered as the {@code errors} member. An OAuth error ({@link #oauth}) also carries its RFC 6749 error code, which
 * the OAuth token and revocation endpoints answer in their own format (RFC 6749 section 5.2); elsewhere it is a
 * problem like any other.
 */
public final class Problem extends RuntimeException {
    private final Status status;
    private final String title;
    private final Map<String, String> fields;
    private final Map<String, String> headers;
    private final String oauthError;

    private Problem(Status status, String title, String detail, Map<String, String> fields,
                    Map<String, String> headers, String oauthError) {
        super(detail == null || detail.isBlank() ? title : detail, null, false, false);
        this.status = status;
        this.title = title;
        this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.oauthError = oauthError;
    }

    public static Problem of(Status status, String title, String detail) {
        return new Problem(status, title, detail, Map.of(), Map.of(), null);
    }

    public static Problem of(int status, String title, String detail) {
        return of(Status.create(status), title, detail);
    }

    /** 400 naming each field at fault with what is wrong with it (in the order given). */
    public static Problem invalid(Map<String, String> fields) {
        return new Problem(Status.BAD_REQUEST_400, "Invalid request",
                "One or more fields are invalid: " + String.join(", ", fields.keySet()), fields, Map.of(), null);
    }

    /** 400 for one field. */
    public static Problem invalid(String field, String message) {
        return invalid(Map.of(field, message));
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
                Map.of(), null);
    }

    public static Problem unauthorized(String detail) {
        // RFC 6750: tell the client which scheme to use, and why the token failed.
        return of(Status.UNAUTHORIZED_401, "Unauthorized", detail)
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    /** RFC 6750 section 3.1: a valid token without the scope the resource requires. */
    public static Problem insufficientScope(String scope, String detail) {
        return of(Status.FORBIDDEN_403, "Insufficient scope", detail)
                .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    public static Problem unavailable(String detail) {
        return of(Status.SERVICE_UNAVAILABLE_503, "Service unavailable", detail);
    }

    /** An OAuth 2.0 error (RFC 6749 section 5.2 / RFC 6750 section 3.1): {@code error} is its error code. */
    public static Problem oauth(int status, String error, String description) {
        String title = Character.toUpperCase(error.charAt(0)) + error.substring(1).replace('_', ' ');
        return new Problem(Status.create(status), title, description, Map.of(), Map.of(), error);
    }

    public Problem withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Problem(status, title, getMessage(), fields, h, oauthError);
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

    /** The RFC 6749 error code of an OAuth error. */
    public Optional<String> oauthError() {
        return Optional.ofNullable(oauthError);
    }
}
