package dev.gatewaystack.route.processor;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Finds annotation mirrors and explicitly written attribute values, so errors point at the source text. */
final class Mirrors {
    private Mirrors() {
    }

    static Optional<AnnotationMirror> find(Element element, Class<? extends Annotation> type) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
            if (annotation.getQualifiedName().contentEquals(type.getCanonicalName())) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code element} carries the annotation. Cheaper than {@code getAnnotation(type) != null}, which builds a
     * reflective proxy of the annotation and its values only to drop it.
     */
    static boolean has(Element element, Class<? extends Annotation> type) {
        return find(element, type).isPresent();
    }

    /** The attribute's value if written in the source, else null (defaults have no source position). */
    static AnnotationValue value(AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(attribute)) {
                return e.getValue();
            }
        }
        return null;
    }
}
