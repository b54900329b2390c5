package dev.gatewaystack.route.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * A user error found while reading or validating. {@code mirror} and {@code value} are null when the error
 * concerns the element as a whole; {@code service} is null when no service could be determined.
 */
record Problem(String service, Element element, AnnotationMirror mirror, AnnotationValue value, String message) {
}
