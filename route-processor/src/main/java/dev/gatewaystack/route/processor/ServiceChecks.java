package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.EdgeAuth;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Upstream;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Checks across the routes and handler classes of one service. */
final class ServiceChecks {
    private final Problems problems;
    private final Elements elements;
    private final ServiceModel service;

    ServiceChecks(Problems problems, Elements elements, ServiceModel service) {
        this.problems = problems;
        this.elements = elements;
        this.service = service;
    }

    void check() {
        checkUpstreamsAgree();
        checkDuplicates();
        checkAccessible();
        checkHashByUser();
    }

    private void checkUpstreamsAgree() {
        HandlerModel first = service.handlers().getFirst();
        for (HandlerModel h : service.handlers()) {
            // The same declaration (usually one package-info.java) needs no comparison.
            if (h.upstreamElement() != first.upstreamElement() && !h.upstream().equals(first.upstream())) {
                problems.error(service.name(), h.upstreamElement(), Upstream.class, null, "@Upstream of service \""
                        + service.name() + "\" on " + h.upstreamElement() + " differs from the one on "
                        + first.upstreamElement() + " (" + h.upstream() + " vs " + first.upstream()
                        + "); all declarations of one service must be equal: make them identical or declare "
                        + "@Upstream once in package-info.java");
            }
        }
    }

    private void checkDuplicates() {
        Map<String, RouteModel> byShapeAndMethod = new HashMap<>();
        Map<String, RouteModel> byId = new HashMap<>();
        for (RouteModel r : service.routes()) {
            RouteModel sameId = byId.putIfAbsent(r.spec().id(), r);
            if (sameId != null) {
                problems.error(service.name(), r.method(), Route.class, "id", "route id \"" + r.spec().id()
                        + "\" is already used by " + handler(sameId) + "; give each route of service \""
                        + service.name() + "\" its own id");
            }
            if (r.template() == null) {
                continue; // reported by RouteChecks
            }
            String shape = r.template().shape() + " " + r.spec().match();
            for (HttpMethod m : Set.copyOf(r.spec().methods())) {
                RouteModel other = byShapeAndMethod.putIfAbsent(m + " " + shape, r);
                if (other != null) {
                    problems.error(service.name(), r.method(), Route.class, "path", m + " " + r.spec().path()
                            + " is already handled by " + handler(other) + " (same path shape and method in service \""
                            + service.name() + "\"); change the path or methods of one of them, or remove one");
                }
            }
        }
    }

    /** The generated class lives in the handlers' longest common package; others must be public to be reachable. */
    private void checkAccessible() {
        if (service.upstream().external()) {
            return; // no generated class calls its methods
        }
        String pkg = Names.commonPackage(service.handlers().stream()
                .map(h -> elements.getPackageOf(h.type()).getQualifiedName().toString()).toList());
        String generated = (pkg.isEmpty() ? "" : pkg + ".") + Names.routesClassName(service.name());
        for (HandlerModel h : service.handlers()) {
            boolean samePackage = elements.getPackageOf(h.type()).getQualifiedName().contentEquals(pkg);
            if (samePackage) {
                continue;
            }
            for (Element e = h.type(); e instanceof TypeElement; e = e.getEnclosingElement()) {
                if (!e.getModifiers().contains(Modifier.PUBLIC)) {
                    problems.error(service.name(), e, "handler class " + ((TypeElement) e).getQualifiedName()
                            + " is not public, but the generated " + generated + " is in another package; make the class public");
                }
            }
            for (RouteModel r : h.routes()) {
                if (!r.method().getModifiers().contains(Modifier.PUBLIC)
                        && !r.method().getModifiers().contains(Modifier.PRIVATE)) {
                    problems.error(service.name(), r.method(), "handler method " + handler(r) + " is not public, but the "
                            + "generated " + generated + " is in another package; make the method public");
                }
            }
        }
    }

    private void checkHashByUser() {
        if (service.upstream().balancing() != Balancing.HASH || service.upstream().hashKey() != HashKey.USER) {
            return;
        }
        for (RouteModel r : service.routes()) {
            if (r.spec().edgeAuth() == null) {
                problems.error(service.name(), r.method(), Route.class, null, "service \"" + service.name()
                        + "\" balances by HashKey.USER, but route " + handler(r) + " has no @EdgeAuth, so it has no "
                        + "user id to hash; add @" + EdgeAuth.class.getSimpleName()
                        + " to the route or its class, or use another hashKey");
            }
        }
    }

    private static String handler(RouteModel r) {
        return r.spec().handler();
    }
}
