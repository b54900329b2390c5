package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Upstream;
import dev.gatewaystack.route.processor.policy.Policies;
import dev.gatewaystack.route.processor.policy.Policy;

import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Route annotations where nothing reads them are errors, not silently ignored: a policy on a method without
 * {@code @Route} or on a class without {@code @Route} methods, a {@code @PathParam} outside a {@code @Route}
 * method, an {@code @Upstream} that no route of this compilation uses. Each error sits on the stray annotation
 * and says both fixes; invalid values on a stray annotation are reported through this same error.
 */
final class StrayChecks {
    private StrayChecks() {
    }

    /** Policies and {@code @PathParam} of one round. */
    static void check(RoundEnvironment round, Problems problems) {
        for (Policy<?> policy : Policies.ALL) {
            for (Element e : round.getElementsAnnotatedWith(policy.annotation())) {
                if (e instanceof ExecutableElement method && method.getAnnotation(Route.class) == null) {
                    problems.error(null, e, policy.annotation(), null, policy.display() + " on method "
                            + signature(method) + " without @Route is ignored: add @Route(...) or remove "
                            + policy.display());
                } else if (e instanceof TypeElement type && !hasRoutes(type)) {
                    problems.error(null, e, policy.annotation(), null, policy.display() + " on class "
                            + type.getQualifiedName() + ", which has no @Route methods, is ignored (a class-level "
                            + "policy is the default of its own class's routes): add @Route methods to the class, "
                            + "or remove " + policy.display());
                }
            }
        }
        for (Element e : round.getElementsAnnotatedWith(PathParam.class)) {
            if (e instanceof VariableElement p && p.getEnclosingElement() instanceof ExecutableElement method
                    && method.getAnnotation(Route.class) == null) {
                problems.error(null, e, PathParam.class, null, "@PathParam on parameter '" + p.getSimpleName()
                        + "' of method " + signature(method) + " without @Route is ignored: add @Route(...) to "
                        + method.getSimpleName() + "(...) or remove @PathParam");
            }
        }
    }

    /**
     * An {@code @Upstream} declaration, looked up by its recorded name ({@code package:} or {@code type:} prefix)
     * in the final round, that no handler class of the compilation resolved to.
     */
    static void checkUpstream(Elements elements, String declaration, Set<String> used, Problems problems) {
        String name = declaration.substring(declaration.indexOf(':') + 1);
        Element e = declaration.startsWith("package:") ? elements.getPackageElement(name) : elements.getTypeElement(name);
        if (e == null || used.contains(declaration)) {
            return;
        }
        String where = e instanceof PackageElement ? "package " + name + " (package-info.java)" : "class " + name;
        problems.error(null, e, Upstream.class, null, "@Upstream on " + where
                + " is ignored: no @Route method of this compilation is in it" + (e instanceof PackageElement
                ? " or its subpackages" : " or its nested classes") + "; add the service's @Route methods there, "
                + "or remove @Upstream");
    }

    static String key(Element upstreamElement) {
        return upstreamElement instanceof PackageElement p ? "package:" + p.getQualifiedName()
                : "type:" + ((TypeElement) upstreamElement).getQualifiedName();
    }

    private static boolean hasRoutes(TypeElement type) {
        return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .anyMatch(m -> m.getAnnotation(Route.class) != null);
    }

    private static String signature(ExecutableElement method) {
        return method.getSimpleName() + "()";
    }
}
