package dev.gatewaystack.support.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Route path templates: {@code {name}} and {@code {name:regex}} segments (the regex may hold braces). */
final class PathTemplate {
    private PathTemplate() {
    }

    static List<String> names(String template) {
        List<String> names = new ArrayList<>();
        fill(template, name -> {
            names.add(name);
            return "";
        });
        return names;
    }

    /** The template with each parameter replaced by {@code value.apply(name)}, inserted as it is (raw). */
    static String fill(String template, UnaryOperator<String> value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int depth = 0;
            int end = i;
            for (; end < template.length(); end++) {
                char d = template.charAt(end);
                if (d == '{') {
                    depth++;
                } else if (d == '}' && --depth == 0) {
                    break;
                }
            }
            String inside = template.substring(i + 1, end);
            int colon = inside.indexOf(':');
            out.append(value.apply(colon < 0 ? inside : inside.substring(0, colon)));
            i = end + 1;
        }
        return out.toString();
    }
}
