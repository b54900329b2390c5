package dev.gatewaystack.gateway.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A typed, quote-aware writer for nginx configuration text: blocks, directives and one-line {@code if} blocks.
 * Callers pass arguments as values; the writer quotes each one that needs it (empty, or holding whitespace,
 * {@code ;}, braces, quotes or {@code #}), so no caller builds quoted strings by hand. A value that needs quoting
 * and holds a double quote but no single quote is single-quoted (JSON bodies read as written); {@link #quoted}
 * forces double quotes where nginx would accept the bare word but the config reads better quoted (regexes).
 */
public final class NginxWriter {
    private final StringBuilder text = new StringBuilder();
    private int depth;

    /** An argument written in double quotes even when it would not need them. */
    record Quoted(String value) {
        Quoted {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The condition of an {@code if}: {@code (left op right)} or {@code (variable)}. */
    record Condition(String left, String operator, Object right) {
        static Condition equal(String variable, Object value) {
            return new Condition(variable, "=", value);
        }

        static Condition matches(String variable, Object regex) {
            return new Condition(variable, "~", regex);
        }

        /** True when the variable is neither empty nor "0". */
        static Condition set(String variable) {
            return new Condition(variable, null, null);
        }

        /** The opposite test: {@code !=} and {@code !~} (not for {@link #set}). */
        Condition negated() {
            if (operator == null) {
                throw new IllegalStateException("no negation of a bare variable test");
            }
            return new Condition(left, "!" + operator, right);
        }

        String render() {
            return operator == null ? left : left + " " + operator + " " + argument(right);
        }
    }

    public static Quoted quoted(String value) {
        return new Quoted(value);
    }

    /** A directive: the name, its arguments (quoted when needed), then ';'. */
    public NginxWriter directive(String name, Object... args) {
        return line(name + arguments(args) + ";");
    }

    /** A {@code map} entry: the source value (a string or "~regex") and the result. */
    NginxWriter mapEntry(Object source, Object result) {
        return line(argument(source) + " " + argument(result) + ";");
    }

    /** Opens {@code name args {}; close it with {@link #end()}. */
    NginxWriter block(String name, Object... args) {
        line(name + arguments(args) + " {");
        depth++;
        return this;
    }

    NginxWriter end() {
        depth--;
        return line("}");
    }

    /** {@code name { }}: a block with nothing in it. */
    NginxWriter emptyBlock(String name) {
        return line(name + " { }");
    }

    /**
     * {@code if (condition) { directive; }} on one line: the only uses of {@code if} that are safe in a location
     * are a single return, rewrite ... last or set.
     */
    NginxWriter ifThen(Condition condition, String directive, Object... args) {
        return line("if (" + condition.render() + ") { " + directive + arguments(args) + "; }");
    }

    NginxWriter blank() {
        text.append('\n');
        return this;
    }

    public NginxWriter comment(String comment) {
        return line("# " + comment);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private NginxWriter line(String line) {
        text.append("    ".repeat(depth)).append(line).append('\n');
        return this;
    }

    private static String arguments(Object[] args) {
        List<String> words = new ArrayList<>(args.length);
        for (Object arg : args) {
            words.add(argument(arg));
        }
        return words.isEmpty() ? "" : " " + String.join(" ", words);
    }

    static String argument(Object arg) {
        if (arg instanceof Quoted q) {
            return doubleQuoted(q.value());
        }
        String value = String.valueOf(Objects.requireNonNull(arg, "an nginx argument is null"));
        if (!needsQuotes(value)) {
            return value;
        }
        if (value.indexOf('"') >= 0 && value.indexOf('\'') < 0) {
            return "'" + newlines(value.replace("\\", "\\\\")) + "'";
        }
        return doubleQuoted(value);
    }

    /** A newline inside a quoted argument as nginx's {@code \n} escape, so every directive stays on one line. */
    private static String newlines(String escaped) {
        return escaped.replace("\n", "\\n");
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == ';' || c == '{' || c == '}' || c == '"' || c == '\'' || c == '#') {
                return true;
            }
        }
        return false;
    }

    private static String doubleQuoted(String value) {
        return "\"" + newlines(value.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
    }
}
