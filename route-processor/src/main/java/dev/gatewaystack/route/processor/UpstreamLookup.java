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
        // The class's own package without a lookup by name: that searches every module, parents need it.
        PackageElement pkg = elements.getPackageOf(type);
        String name = pkg.getQualifiedName().toString();
        while (true) {
            Upstream upstream = pkg == null ? null : pkg.getAnnotation(Upstream.class);
            if (upstream != null) {
                return Optional.of(new Found(upstream, pkg));
            }
            if (name.isEmpty()) {
                return Optional.empty();
            }
            int dot = name.lastIndexOf('.');
            name = dot < 0 ? "" : name.substring(0, dot);
            pkg = elements.getPackageElement(name);
        }
    }
}
