package dev.gatewaystack.route.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
 * Writes the manifest records as JSON with jackson-core's streaming generator, walking the records generically, so
 * a new spec record or component needs no code here. Why not jackson-databind (which reads manifests back): the
 * annotation processor writes manifests inside javac, where databind's start-up (about 500 classes and its
 * introspection) was a large share of the processor's cost (scripts/bench-processor.sh).
 *
 * <p>The output is exactly databind's for these records with {@code INDENT_OUTPUT} and
 * {@code ORDER_MAP_ENTRIES_BY_KEYS} ({@code ManifestJsonTest} compares the two on every record type reachable from
 * {@link ServiceManifest}): a record's components in declaration order, then its bean getters ({@code isX()}
 * returning boolean, {@code getX()}) as property {@code x} in declared-method order, skipping {@code @JsonIgnore};
 * a null component is left out under {@code @JsonInclude(NON_NULL)} on the record and written as null otherwise;
 * enums by name; collections as arrays; maps with their keys sorted. Anything else (another value type, another
 * inclusion rule) is refused.
 */
final class ManifestJson {
    private static final JsonFactory FACTORY = new JsonFactory();

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
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            write(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** An if-chain, not a pattern switch: that links through an invokedynamic bootstrap, paid for inside javac. */
    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Enum<?> e) {
            json.writeString(e.name());
        } else if (value instanceof Record r) {
            writeRecord(json, r);
        } else if (value instanceof Collection<?> c) {
            json.writeStartArray();
            for (Object element : c) {
                write(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> m) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                json.writeFieldName(String.valueOf(e.getKey()));
                write(json, e.getValue());
            }
            json.writeEndObject();
        } else {
            throw new IllegalArgumentException("a manifest cannot hold a " + value.getClass().getName()
                    + "; use strings, numbers, booleans, enums, lists, maps or records (see ManifestJson)");
        }
    }

    private static void writeRecord(JsonGenerator json, Record r) throws IOException {
        Shape shape = SHAPES.get(r.getClass());
        json.writeStartObject();
        for (Property p : shape.properties()) {
            Object value = read(p.accessor(), r);
            if (value != null || !shape.omitNulls()) {
                json.writeFieldName(p.name());
                write(json, value);
            }
        }
        json.writeEndObject();
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
