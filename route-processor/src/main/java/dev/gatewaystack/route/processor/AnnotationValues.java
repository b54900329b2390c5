package dev.gatewaystack.route.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * One annotation's values, as written or defaulted, read from its mirror. Why not {@code getAnnotation}: javac
 * answers it with a reflective proxy, and the first proxy class costs a JVM about 30 ms (2 ms per further
 * annotation type, then a proxy per declaration), a measured share of the processor's time inside javac
 * (scripts/bench-processor.sh). Class values come back as their {@link TypeMirror}, with no exception to catch.
 */
public final class AnnotationValues {
    private final String annotation;
    private final Map<String, AnnotationValue> values;

    private AnnotationValues(String annotation, Map<String, AnnotationValue> values) {
        this.annotation = annotation;
        this.values = values;
    }

    /** The values of {@code mirror}, defaults included. */
    public static AnnotationValues of(AnnotationMirror mirror, Elements elements) {
        Map<String, AnnotationValue> values = new HashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(mirror).entrySet()) {
            values.put(e.getKey().getSimpleName().toString(), e.getValue());
        }
        return new AnnotationValues(mirror.getAnnotationType().asElement().getSimpleName().toString(), values);
    }

    /** The values of {@code type} on {@code element}, or null when it is not there. */
    public static AnnotationValues on(Element element, Class<? extends java.lang.annotation.Annotation> type,
                                      Elements elements) {
        return Mirrors.find(element, type).map(m -> of(m, elements)).orElse(null);
    }

    public String string(String name) {
        return (String) value(name);
    }

    public int integer(String name) {
        return (Integer) value(name);
    }

    public boolean bool(String name) {
        return (Boolean) value(name);
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return constant(type, value(name));
    }

    public TypeMirror type(String name) {
        return (TypeMirror) value(name);
    }

    public List<String> strings(String name) {
        List<String> strings = new ArrayList<>();
        for (AnnotationValue v : array(name)) {
            strings.add((String) v.getValue());
        }
        return List.copyOf(strings);
    }

    public <E extends Enum<E>> List<E> enums(String name, Class<E> type) {
        List<E> constants = new ArrayList<>();
        for (AnnotationValue v : array(name)) {
            constants.add(constant(type, v.getValue()));
        }
        return List.copyOf(constants);
    }

    @SuppressWarnings("unchecked")
    private List<? extends AnnotationValue> array(String name) {
        return (List<? extends AnnotationValue>) value(name);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, Object value) {
        return Enum.valueOf(type, ((VariableElement) value).getSimpleName().toString());
    }

    /** A missing value is one javac reports itself (a required attribute left out); the same exception as a proxy's. */
    private Object value(String name) {
        AnnotationValue v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("@" + annotation + " has no value for " + name);
        }
        return v.getValue();
    }
}
