package dev.gatewaystack.gateway;

/** An indenting writer for nginx configuration text. */
final class Conf {
    private final StringBuilder text = new StringBuilder();
    private int depth;

    Conf line(String line) {
        text.append("    ".repeat(depth)).append(line).append('\n');
        return this;
    }

    /** A directive: the words joined by spaces, then ';'. */
    Conf directive(String... words) {
        return line(String.join(" ", words) + ";");
    }

    Conf open(String block) {
        line(block + " {");
        depth++;
        return this;
    }

    Conf close() {
        depth--;
        return line("}");
    }

    Conf blank() {
        text.append('\n');
        return this;
    }

    Conf comment(String comment) {
        return line("# " + comment);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
