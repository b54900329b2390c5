package dev.gatewaystack.api.http;

import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestDates;
import dev.gatewaystack.support.RequestText;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads fields of a JSON request body, collecting every error so a 400 names all fields at fault at once. */
public final class RequestFields {
    private final JsonNode body;
    private final Map<String, String> errors = new LinkedHashMap<>();

    public RequestFields(JsonNode body, Set<String> allowed) {
        this.body = body;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.put(name, "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** A required, non-blank string of at most {@code maxLength} characters, trimmed; null when invalid. */
    public String text(String name, int maxLength) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            errors.put(name, "is required");
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            errors.put(name, "must be a non-empty string");
            return null;
        }
        String s = v.asText().strip();
        if (s.length() > maxLength) {
            errors.put(name, "must be at most " + maxLength + " characters");
            return null;
        }
        if (RequestText.fault(s).isPresent()) {
            errors.put(name, RequestText.fault(s).get());
            return null;
        }
        return s;
    }

    /** A required whole number (no fraction, no string); null when invalid. */
    public Long wholeNumber(String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            errors.put(name, "is required");
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            errors.put(name, "must be a whole number of minor units (e.g. 1250 for 12.50)");
            return null;
        }
        return v.longValue();
    }

    /** A required ISO-8601 date (yyyy-MM-dd); null when invalid. */
    public LocalDate date(String name) {
        String s = text(name, 10);
        if (s == null) {
            return null;
        }
        LocalDate date = RequestDates.dateOrNull(s);
        if (date == null) {
            errors.put(name, "must be a date as yyyy-MM-dd (years 0001 to 9999)");
        }
        return date;
    }

    /** Records an error on {@code name} unless {@code ok}; skipped when the field already has one. */
    public void check(boolean ok, String name, String message) {
        if (!ok) {
            errors.putIfAbsent(name, message);
        }
    }

    public boolean valid(String name) {
        return !errors.containsKey(name);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
    }
}
