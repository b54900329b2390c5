package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Upstream;
import dev.gatewaystack.route.processor.policy.Policies;
import dev.gatewaystack.route.processor.policy.Policy;

import java.util.Collection;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
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
 * method, an {@code @Upstream} that no route of this compilation uses (on a package: only judged when the
 * compilation has routes at all, since a package's routes may be compiled separately). Each error sits on the stray annotation
 * and says both fixes; invalid values on a stray annotation are reported through this same error.
 */
final class StrayChecks {
    private StrayChecks() {
    }

    /** Policies and {@code @PathParam} among the elements of one round that carry any route annotation. */
    static void check(Collection<? extends Element> annotated, Problems problems) {
        for (Element e : annotated) {
            if (e instanceof VariableElement p) {
                if (Mirrors.has(p, PathParam.class)) {
                    checkPathParam(p, problems);
                }
                continue;
            }
            boolean stray = e instanceof ExecutableElement method ? !Mirrors.has(method, Route.class)
                    : e instanceof TypeElement type && !hasRoutes(type);
            if (stray) {
                for (AnnotationMirror mirror : e.getAnnotationMirrors()) {
                    Policy<?> policy = Policies.of(mirror); // only where it is written: its values are not read
                    if (policy != null) {
                        problems.error(null, e, mirror, null, message(policy, e));
                    }
                }
            }
        }
    }

    private static String message(Policy<?> policy, Element e) {
        String name = policy.display();
        if (e instanceof ExecutableElement method) {
            return name + " on method " + signature(method) + " without @Route is ignored: add @Route(...) or remove "
                    + name;
        }
        return name + " on class " + ((TypeElement) e).getQualifiedName() + ", which has no @Route methods, is "
                + "ignored (a class-level policy is the default of its own class's routes): add @Route methods to "
                + "the class, or remove " + name;
    }

    private static void checkPathParam(VariableElement p, Problems problems) {
        if (p.getEnclosingElement() instanceof ExecutableElement method && !Mirrors.has(method, Route.class)) {
            problems.error(null, p, PathParam.class, null, "@PathParam on parameter '" + p.getSimpleName()
                    + "' of method " + signature(method) + " without @Route is ignored: add @Route(...) to "
                    + method.getSimpleName() + "(...) or remove @PathParam");
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
        for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (Mirrors.has(m, Route.class)) {
                return true;
            }
        }
        return false;
    }

    private static String signature(ExecutableElement method) {
        return method.getSimpleName() + "()";
    }
}
