package dev.gatewaystack.auth.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem a handler answers with by throwing it; {@link ProblemHandlers} renders it as
 * {@code application/problem+json}. OAuth endpoints add the RFC 6749 members {@code error} and
 * {@code error_description} as extension members, so OAuth clients read them too.
 */
public final class Problem extends RuntimeException {
    private final int status;
    private final String title;
    private final Map<String, String> fieldErrors;
    private final Map<String, String> extensions;
    private final Map<String, String> headers;

    private Problem(int status, String title, String detail, Map<String, String> fieldErrors,
                    Map<String, String> extensions, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.fieldErrors = fieldErrors;
        this.extensions = extensions;
        this.headers = headers;
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(status, title, detail, Map.of(), Map.of(), Map.of());
    }

    /** 400 naming each field at fault with what is wrong with it. */
    public static Problem invalidFields(Map<String, String> fieldErrors) {
        return new Problem(400, "Invalid request", "some fields are invalid: " + String.join(", ", fieldErrors.keySet()),
                new LinkedHashMap<>(fieldErrors), Map.of(), Map.of());
    }

    /** An OAuth 2.0 error (RFC 6749 section 5.2 / RFC 6750 section 3.1). */
    public static Problem oauth(int status, String error, String description) {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put("error", error);
        ext.put("error_description", description);
        return new Problem(status, error, description, Map.of(), ext, Map.of());
    }

    public Problem withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Problem(status, title, getMessage(), fieldErrors, extensions, h);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, String> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
