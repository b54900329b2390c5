package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

import java.util.Optional;
import java.util.function.Function;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/**
 * A policy annotation as declared on one element (a handler method or class): its spec, read once, and where it
 * is written, so errors point at the annotation and its attribute.
 */
public record Declared<S>(Policy<S> policy, S spec, Element element, AnnotationMirror mirror) {

    static <S> Declared<S> read(Policy<S> policy, Element element, AnnotationMirror mirror, Elements elements) {
        return new Declared<>(policy, policy.read(AnnotationValues.of(mirror, elements)), element, mirror);
    }

    public void applyTo(RouteSpec.Builder route) {
        policy.apply(spec, route);
    }

    public void check(String service, Problems problems) {
        policy.check(this, service, problems);
    }

    public void checkRoute(RouteContext route, Problems problems) {
        policy.checkRoute(this, route, problems);
    }

    /** An error on this annotation, on {@code attribute} when it is written (null: the annotation as a whole). */
    public void error(Problems problems, String service, String attribute, String message) {
        problems.error(service, element, mirror, attribute, message);
    }

    /** Runs a value check (an {@code NginxValues} check) and reports its message as "{@code where}: message". */
    void value(Problems problems, String service, String attribute, String value,
               Function<String, Optional<String>> check, String where) {
        check.apply(value).ifPresent(m -> error(problems, service, attribute, where + ": " + m));
    }
}
