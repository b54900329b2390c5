package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.EdgeAuthVerifier;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/**
 * Validates everything read in a compilation and collects all problems, so one build shows every mistake.
 * Each message says what is wrong and how to fix it.
 */
final class RouteValidator {
    private final Elements elements;

    RouteValidator(Elements elements) {
        this.elements = elements;
    }

    Problems validate(List<HandlerModel> handlers, List<ServiceModel> services) {
        Problems problems = new Problems();
        Map<Element, Boolean> upstreamsChecked = new IdentityHashMap<>();
        RouteModel verifier = null;
        for (HandlerModel h : handlers) {
            if (h.service() == null) {
                problems.error(null, h.type(), "class " + h.qualifiedName() + " has @Route methods but no @Upstream "
                        + "on the class or its packages; add @Upstream(service = \"...\", port = ...) to the class or "
                        + "its package-info.java");
            } else if (upstreamsChecked.put(h.upstreamElement(), true) == null) {
                UpstreamChecks.check(problems, h.service(), h.upstream(), h.upstreamElement());
            }
            h.defaults().forEach(d -> d.check(h.service(), problems)); // class defaults: once, not once per route
            for (RouteModel r : h.routes()) {
                new RouteChecks(problems, h.service(), r, h.upstream() != null && h.upstream().external()).check();
                if (r.spec().edgeAuthVerifier()) {
                    if (verifier == null) {
                        verifier = r;
                    } else {
                        problems.error(h.service(), r.method(), EdgeAuthVerifier.class, null, "only one "
                                + "@EdgeAuthVerifier is allowed, and " + verifier.spec().handler()
                                + " already is one; remove one of them");
                    }
                }
            }
        }
        for (ServiceModel s : services) {
            new ServiceChecks(problems, elements, s).check();
        }
        return problems;
    }
}
