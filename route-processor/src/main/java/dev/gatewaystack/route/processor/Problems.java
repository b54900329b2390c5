package dev.gatewaystack.route.processor;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * Collects every problem of a compilation so they are reported together, each pointing at its source: the
 * element, the annotation on it, and the attribute when it is written explicitly.
 */
public final class Problems {
    private final List<Problem> problems = new ArrayList<>();

    /** An error on an element as a whole. */
    public void error(String service, Element element, String message) {
        problems.add(new Problem(service, element, null, null, message));
    }

    /** An error on an annotation of {@code element}, on {@code attribute} when it is written explicitly. */
    public void error(String service, Element element, Class<? extends Annotation> annotation, String attribute,
                      String message) {
        error(service, element, Mirrors.find(element, annotation).orElse(null), attribute, message);
    }

    /** An error on an annotation already found ({@code mirror}; null for the element as a whole). */
    public void error(String service, Element element, AnnotationMirror mirror, String attribute, String message) {
        problems.add(new Problem(service, element, mirror,
                mirror == null || attribute == null ? null : Mirrors.value(mirror, attribute), message));
    }

    /** Adds a problem found by another pass. */
    void add(Problem problem) {
        problems.add(problem);
    }

    boolean hasErrors(String service) {
        return problems.stream().anyMatch(p -> Objects.equals(p.service(), service));
    }

    List<Problem> all() {
        return List.copyOf(problems);
    }
}
