package dev.gatewaystack.route.processor.policy;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The registry: every policy the processor knows. The processor's supported annotations, the reading of routes
 * and the stray-annotation check all come from this list; adding a policy means adding it here.
 */
public final class Policies {
    public static final List<Policy<?>> ALL = List.of(
            new AuthenticatedPolicy(),
            new EdgeAuthPolicy(),
            new EdgeAuthVerifierPolicy(),
            new IdempotentPolicy(),
            new CachePolicy(),
            new RateLimitPolicy(),
            new MaxBodySizePolicy(),
            new TimeoutsPolicy(),
            new CorsPolicy(),
            new StreamingPolicy(),
            new RetryPolicy(),
            new BodyPolicy(),
            new SloPolicy());

    private static final Map<String, Policy<?>> BY_ANNOTATION = new HashMap<>();

    static {
        ALL.forEach(p -> BY_ANNOTATION.put(p.annotation().getCanonicalName(), p));
    }

    private Policies() {
    }

    public static List<Class<? extends Annotation>> annotations() {
        return ALL.stream().<Class<? extends Annotation>>map(Policy::annotation).toList();
    }

    /** The policy an annotation declares, or null for an annotation that is not a policy (nothing is read). */
    public static Policy<?> of(AnnotationMirror mirror) {
        TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
        return BY_ANNOTATION.get(type.getQualifiedName().toString());
    }

    /** The policy declarations on {@code element}, each read once, in the order the annotations are written. */
    public static List<Declared<?>> declaredOn(Element element, Elements elements) {
        List<Declared<?>> declared = new ArrayList<>();
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            Policy<?> policy = of(mirror);
            if (policy != null) {
                declared.add(Declared.read(policy, element, mirror, elements));
            }
        }
        return List.copyOf(declared);
    }
}
