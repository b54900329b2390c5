package dev.gatewaystack.auth.web;

import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestText;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Reading OAuth-style requests: form bodies, single-valued parameters, Basic and Bearer credentials, cookies. */
public final class RequestParts {
    private RequestParts() {
    }

    /** The form body; 400 when the request is not {@code application/x-www-form-urlencoded}. */
    public static Parameters form(ServerRequest req) {
        boolean isForm = RequestText.contentType(req)
                .map(t -> "application".equalsIgnoreCase(t.mediaType().type())
                        && "x-www-form-urlencoded".equalsIgnoreCase(t.mediaType().subtype()))
                .orElse(false);
        if (!isForm) {
            throw Problem.oauth(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
        }
        if (!req.content().hasEntity()) {
            return Parameters.empty("form");
        }
        try {
            return req.content().as(Parameters.class);
        } catch (IllegalArgumentException e) {
            // Helidon's decoder: bad percent-encoding, an unknown charset parameter.
            throw Problem.oauth(400, "invalid_request",
                    "the body is not valid application/x-www-form-urlencoded (percent-encoding or charset)");
        }
    }

    /** A parameter that must appear at most once (RFC 6749 section 3.1); null when absent or empty. */
    public static String single(Parameters params, String name) {
        List<String> values = params.contains(name) ? params.all(name) : List.of();
        if (values.size() > 1) {
            throw Problem.oauth(400, "invalid_request", "parameter " + name + " must not be repeated");
        }
        if (!values.isEmpty() && RequestText.fault(values.getFirst()).isPresent()) {
            throw Problem.oauth(400, "invalid_request", "parameter " + name + " "
                    + RequestText.fault(values.getFirst()).get());
        }
        return values.isEmpty() || values.getFirst().isEmpty() ? null : values.getFirst();
    }

    public static String required(Parameters params, String name) {
        String value = single(params, name);
        if (value == null) {
            throw Problem.oauth(400, "invalid_request", "parameter " + name + " is required");
        }
        return value;
    }

    /** Client id and secret from {@code Authorization: Basic} (RFC 6749 section 2.3.1), if present. */
    public static Optional<String[]> basicCredentials(ServerRequest req) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.get().substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Problem.oauth(401, "invalid_client", "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw Problem.oauth(401, "invalid_client", "malformed Basic credentials");
        }
        return Optional.of(new String[] {urlDecode(decoded.substring(0, colon)), urlDecode(decoded.substring(colon + 1))});
    }

    /** The bearer token of the Authorization header, if any (RFC 6750 section 2.1). */
    public static Optional<String> bearer(ServerRequest req) {
        return req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim());
    }

    public static Optional<String> cookie(ServerRequest req, String name) {
        var cookies = req.headers().cookies();
        return cookies.contains(name) ? Optional.of(cookies.get(name)) : Optional.empty();
    }

    public static Optional<String> query(ServerRequest req, String name) {
        var query = req.query();
        if (!query.contains(name)) {
            return Optional.empty();
        }
        if (query.all(name).size() > 1) {
            throw Problem.of(400, "Invalid request", "parameter " + name + " must not be repeated");
        }
        String v = query.get(name);
        if (RequestText.fault(v).isPresent()) {
            throw Problem.invalid(name, RequestText.fault(v).get());
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static String urlDecode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
