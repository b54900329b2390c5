package dev.gatewaystack.support;

import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

/**
 * Checks on text a client sent, shared by both services so that what the database or a log cannot hold is a 400
 * naming the field, never a 500 from deep inside: control characters (NUL cannot be stored in PostgreSQL text)
 * and unpaired UTF-16 surrogates (a JSON {@code "\ud800"} escape; not encodable as UTF-8).
 */
public final class RequestText {
    private RequestText() {
    }

    /** What is wrong with {@code value}, or empty when it is fine (null is fine: absence is checked elsewhere). */
    public static Optional<String> fault(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("must not contain control characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must not contain unpaired surrogates (invalid Unicode)");
            }
        }
        return Optional.empty();
    }

    /** {@code value} unchanged, or a 400 naming {@code field}. */
    public static String require(String field, String value) {
        Optional<String> fault = fault(value);
        if (fault.isPresent()) {
            throw Problem.invalid(field, fault.get());
        }
        return value;
    }

    /** The request's Content-Type; a header that cannot be parsed is a 415, not a 500. */
    public static Optional<HttpMediaType> contentType(ServerRequest req) {
        try {
            return req.headers().contentType();
        } catch (RuntimeException e) {
            throw Problem.of(415, "Unsupported Media Type", "the Content-Type header cannot be parsed");
        }
    }
}
