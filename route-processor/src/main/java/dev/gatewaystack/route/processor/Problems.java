package dev.gatewaystack.route.processor;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/** Collects every problem of a compilation so they are reported together, each pointing at its source. */
final class Problems {
    private final List<Problem> problems = new ArrayList<>();

    /** An error on an element as a whole. */
    void error(String service, Element element, String message) {
        problems.add(new Problem(service, element, null, null, message));
    }

    /** An error on an annotation of {@code element}, on {@code attribute} when it is written explicitly. */
    void error(String service, Element element, Class<? extends Annotation> annotation, String attribute, String message) {
        AnnotationMirror mirror = Mirrors.find(element, annotation).orElse(null);
        problems.add(new Problem(service, element, mirror,
                mirror == null || attribute == null ? null : Mirrors.value(mirror, attribute), message));
    }

    boolean hasErrors(String service) {
        return problems.stream().anyMatch(p -> Objects.equals(p.service(), service));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<Problem> all() {
        return List.copyOf(problems);
    }
}
