package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

import java.lang.annotation.Annotation;

/**
 * One gateway policy annotation as the processor sees it: read once into its manifest spec {@code S}, checked on
 * that spec, and put into the route. Listed in {@link Policies}; the gateway renders the spec separately.
 *
 * @param <S> the part of {@link dev.gatewaystack.route.model.RouteSpec} this policy fills
 */
public interface Policy<S> {
    Class<? extends Annotation> annotation();

    /** Reads the annotation's values (from its mirror); the only place they are read. */
    S read(AnnotationValues annotation);

    /** Puts the spec into the route. */
    void apply(S spec, RouteSpec.Builder route);

    /** What the route gets when neither its method nor its class declares the policy (nothing by default). */
    default void absent(RouteSpec.Builder route) {
    }

    /** Checks the values of one declaration on their own; run once per declaration (a class default: once). */
    default void check(Declared<S> declared, String service, Problems problems) {
    }

    /** Checks the declaration against the route it applies to (its methods, other policies, its upstream). */
    default void checkRoute(Declared<S> declared, RouteContext route, Problems problems) {
    }

    /** The annotation as written in messages, e.g. {@code @Cache}. */
    default String display() {
        return "@" + annotation().getSimpleName();
    }
}
