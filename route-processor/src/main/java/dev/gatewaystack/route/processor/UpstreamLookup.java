package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.Upstream;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Finds the {@code @Upstream} of a handler class: on the class, its enclosing classes, its package, then parent packages. */
final class UpstreamLookup {
    /** The annotation and the element (class or package) that carries it. */
    record Found(Upstream upstream, Element declaredOn) {
    }

    private final Elements elements;

    UpstreamLookup(Elements elements) {
        this.elements = elements;
    }

    Optional<Found> find(TypeElement type) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            Upstream upstream = e.getAnnotation(Upstream.class);
            if (upstream != null) {
                return Optional.of(new Found(upstream, e));
            }
        }
        String name = elements.getPackageOf(type).getQualifiedName().toString();
        while (true) {
            PackageElement pkg = elements.getPackageElement(name);
            if (pkg != null && pkg.getAnnotation(Upstream.class) != null) {
                return Optional.of(new Found(pkg.getAnnotation(Upstream.class), pkg));
            }
            if (name.isEmpty()) {
                return Optional.empty();
            }
            int dot = name.lastIndexOf('.');
            name = dot < 0 ? "" : name.substring(0, dot);
        }
    }
}
