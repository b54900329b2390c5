package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.Upstream;
import dev.gatewaystack.route.model.UpstreamSpec;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Finds the {@code @Upstream} of a handler class: on the class, its enclosing classes, its package, then parent
 * packages. A package's answer is kept, so a package of many handler classes is read once.
 */
final class UpstreamLookup {
    /** The declaration read once: the service, its spec, and the element (class or package) that carries it. */
    record Found(String service, UpstreamSpec spec, Element declaredOn) {
        static Found of(AnnotationValues upstream, Element declaredOn) {
            return new Found(upstream.string("service"), RouteReader.upstreamSpec(upstream), declaredOn);
        }
    }

    private final Elements elements;
    private final Map<String, Optional<Found>> byPackage = new HashMap<>();

    UpstreamLookup(Elements elements) {
        this.elements = elements;
    }

    Optional<Found> find(TypeElement type) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            AnnotationValues upstream = AnnotationValues.on(e, Upstream.class, elements);
            if (upstream != null) {
                return Optional.of(Found.of(upstream, e));
            }
        }
        // The class's own package without a lookup by name: that searches every module, parents need it.
        PackageElement pkg = elements.getPackageOf(type);
        return inPackage(pkg, pkg.getQualifiedName().toString());
    }

    /** The package's own @Upstream, else its parent's; {@code pkg} is null when no such package element exists. */
    private Optional<Found> inPackage(PackageElement pkg, String name) {
        Optional<Found> known = byPackage.get(name);
        if (known != null) {
            return known;
        }
        AnnotationValues upstream = pkg == null ? null : AnnotationValues.on(pkg, Upstream.class, elements);
        Optional<Found> found;
        if (upstream != null) {
            found = Optional.of(Found.of(upstream, pkg));
        } else if (name.isEmpty()) {
            found = Optional.empty();
        } else {
            int dot = name.lastIndexOf('.');
            String parent = dot < 0 ? "" : name.substring(0, dot);
            found = inPackage(elements.getPackageElement(parent), parent);
        }
        byPackage.put(name, found);
        return found;
    }
}
