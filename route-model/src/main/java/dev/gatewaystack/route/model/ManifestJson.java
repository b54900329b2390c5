package dev.gatewaystack.route.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the manifest records as JSON, walking the records generically, so a new spec record or component needs no
 * code here. Why not Jackson (whose databind reads manifests back): the annotation processor writes manifests inside
 * javac, where databind's start-up (about 500 classes and its introspection), and then jackson-core's generator (its
 * factory and generator set-up, about 75 classes), were a measured share of the processor's cost
 * (scripts/bench-processor.sh).
 *
 * <p>The output is exactly databind's for these records with {@code INDENT_OUTPUT} and
 * {@code ORDER_MAP_ENTRIES_BY_KEYS} ({@code ManifestJsonTest} compares the two on every record type reachable from
 * {@link ServiceManifest}), except that lines always end in {@code \n}: a record's components in declaration order,
 * then its bean getters ({@code isX()} returning boolean, {@code getX()}) as property {@code x} in declared-method
 * order, skipping {@code @JsonIgnore}; a null component is left out under {@code @JsonInclude(NON_NULL)} on the
 * record and written as null otherwise; enums by name; collections as arrays; maps with their keys sorted; Jackson's
 * default pretty printer's layout ({@code "name" : value}, two spaces per object level, arrays on one line as
 * {@code [ a, b ]}) and its string escapes. Anything else (another value type, another inclusion rule) is refused.
 */
final class ManifestJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** One JSON property of a record: its name and the method that reads it. */
    private record Property(String name, Method accessor) {
    }

    /** A record type's properties in output order, and whether its null properties are left out. */
    private record Shape(List<Property> properties, boolean omitNulls) {
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return shape(type);
        }
    };

    private ManifestJson() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder(8192);
        write(out, value, 0);
        return out.toString();
    }

    /**
     * {@code value} at object nesting {@code depth} (arrays do not nest: they are written on one line). An if-chain,
     * not a pattern switch: that links through an invokedynamic bootstrap, paid for inside javac.
     */
    private static void write(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Enum<?> e) {
            string(out, e.name());
        } else if (value instanceof Record r) {
            writeRecord(out, r, depth);
        } else if (value instanceof Collection<?> c) {
            if (c.isEmpty()) {
                out.append("[ ]");
                return;
            }
            out.append("[ ");
            boolean first = true;
            for (Object element : c) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                write(out, element, depth);
            }
            out.append(" ]");
        } else if (value instanceof Map<?, ?> m) {
            int entries = 0;
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                field(out, String.valueOf(e.getKey()), depth, entries++);
                write(out, e.getValue(), depth + 1);
            }
            endObject(out, depth, entries);
        } else {
            throw new IllegalArgumentException("a manifest cannot hold a " + value.getClass().getName()
                    + "; use strings, numbers, booleans, enums, lists, maps or records (see ManifestJson)");
        }
    }

    private static void writeRecord(StringBuilder out, Record r, int depth) {
        Shape shape = SHAPES.get(r.getClass());
        int entries = 0;
        for (Property p : shape.properties()) {
            Object value = read(p.accessor(), r);
            if (value != null || !shape.omitNulls()) {
                field(out, p.name(), depth, entries++);
                write(out, value, depth + 1);
            }
        }
        endObject(out, depth, entries);
    }

    /** The opening brace before the first field, the comma before the others; then the name on its own line. */
    private static void field(StringBuilder out, String name, int depth, int index) {
        out.append(index == 0 ? '{' : ',');
        newLine(out, depth + 1);
        string(out, name);
        out.append(" : ");
    }

    private static void endObject(StringBuilder out, int depth, int entries) {
        if (entries == 0) {
            out.append("{ }");
        } else {
            newLine(out, depth);
            out.append('}');
        }
    }

    private static void newLine(StringBuilder out, int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    /** Jackson's escapes: quote and backslash, the short forms of five control characters, \\u00XX for the others. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        int plain = 0; // start of the run of characters written as they are
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, plain, s.length()).append('"');
    }

    private static Object read(Method accessor, Record r) {
        try {
            return accessor.invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor + " for the manifest", e);
        }
    }

    private static Shape shape(Class<?> type) {
        JsonInclude include = type.getAnnotation(JsonInclude.class);
        if (include != null && include.value() != JsonInclude.Include.NON_NULL
                && include.value() != JsonInclude.Include.ALWAYS) {
            throw new IllegalArgumentException(type.getName() + " uses @JsonInclude(" + include.value()
                    + "); ManifestJson writes only NON_NULL (or the default, nulls included)");
        }
        List<Property> properties = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            properties.add(new Property(c.getName(), c.getAccessor()));
        }
        for (Method m : type.getDeclaredMethods()) {
            int prefix = getterPrefix(m);
            if (prefix > 0 && !m.isAnnotationPresent(JsonIgnore.class)) {
                properties.add(new Property(propertyName(m.getName().substring(prefix)), m));
            }
        }
        return new Shape(List.copyOf(properties), include != null && include.value() == JsonInclude.Include.NON_NULL);
    }

    /**
     * The length of the prefix of a bean getter databind writes ({@code public boolean isX()}: 2, {@code public T
     * getX()}: 3), or 0 for any other method. Databind keeps them in {@link Class#getDeclaredMethods()} order.
     */
    private static int getterPrefix(Method m) {
        if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0
                || m.isSynthetic()) {
            return 0;
        }
        String name = m.getName();
        Class<?> type = m.getReturnType();
        if (name.startsWith("is") && name.length() > 2 && (type == boolean.class || type == Boolean.class)) {
            return 2;
        }
        return name.startsWith("get") && name.length() > 3 && type != void.class ? 3 : 0;
    }

    /** databind's default naming: the leading upper-case letters in lower case ({@code PerCaller}: perCaller). */
    private static String propertyName(String suffix) {
        StringBuilder name = new StringBuilder(suffix.length());
        int i = 0;
        while (i < suffix.length() && Character.isUpperCase(suffix.charAt(i))) {
            name.append(Character.toLowerCase(suffix.charAt(i++)));
        }
        return name.append(suffix, i, suffix.length()).toString();
    }
}
