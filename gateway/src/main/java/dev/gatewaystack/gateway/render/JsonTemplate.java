package dev.gatewaystack.gateway.render;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON object whose values nginx fills in at request time ({@code log_format}, the problem bodies): names and
 * literal text are escaped by Jackson's encoder; {@link #raw} values (a number variable such as {@code $status},
 * or a variable that already holds JSON) are written as they are.
 */
final class JsonTemplate {
    private final List<String> members = new ArrayList<>();

    /** A string member: {@code "name":"value"}; nginx variables inside the value are expanded by nginx. */
    JsonTemplate string(String name, String value) {
        members.add(literal(name) + ":" + literal(value));
        return this;
    }

    /** A member written unquoted: {@code "name":$variable} or {@code "name":404}. */
    JsonTemplate raw(String name, Object value) {
        members.add(literal(name) + ":" + value);
        return this;
    }

    @Override
    public String toString() {
        return "{" + String.join(",", members) + "}";
    }

    /** {@code text} as a JSON string literal, quotes included. */
    static String literal(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
