package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.policy.Declared;
import dev.gatewaystack.route.processor.policy.RouteContext;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * Checks one route on its own: methods, id, path, handler signature; then each policy that applies to it (the
 * values of those declared on the method, and every one against the route).
 */
final class RouteChecks {
    private static final Pattern ROUTE_ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final Problems problems;
    private final String service;
    private final RouteModel route;
    private final RouteSpec spec;
    private final ExecutableElement method;
    private final boolean external;

    RouteChecks(Problems problems, String service, RouteModel route, boolean external) {
        this.problems = problems;
        this.service = service;
        this.route = route;
        this.spec = route.spec();
        this.method = route.method();
        this.external = external;
    }

    void check() {
        checkMethods();
        checkId();
        PathTemplate template = parsePath();
        if (external) {
            checkNoHandler();
        } else {
            checkParams(template);
            checkSignature();
        }
        RouteContext context = new RouteContext(service, spec, external);
        for (Declared<?> policy : route.policies()) {
            if (policy.element().equals(method)) {
                policy.check(service, problems); // class defaults are checked once, on the class
            }
            policy.checkRoute(context, problems);
        }
    }

    private void checkMethods() {
        if (spec.methods().isEmpty()) {
            error(Route.class, "methods", "@Route(methods = {}) accepts no HTTP method; list at least one, "
                    + "e.g. methods = HttpMethod.GET");
        }
        Set<HttpMethod> seen = EnumSet.noneOf(HttpMethod.class);
        for (HttpMethod m : spec.methods()) {
            if (!seen.add(m)) {
                error(Route.class, "methods", "@Route lists " + m + " more than once; list each method once");
            }
        }
    }

    private void checkId() {
        String explicit = route.explicitId();
        if (!explicit.isEmpty() && !ROUTE_ID.matcher(explicit).matches()) {
            error(Route.class, "id", "@Route(id = \"" + explicit + "\") may only contain letters, digits, '.', '_' "
                    + "and '-'; rename it, e.g. \"" + explicit.replaceAll("[^A-Za-z0-9._-]", "-") + "\"");
        }
    }

    /** The parsed path, or null after reporting why it does not parse. */
    private PathTemplate parsePath() {
        if (route.template() == null) {
            error(Route.class, "path", "@Route " + route.pathError());
        }
        return route.template();
    }

    private void checkParams(PathTemplate template) {
        Set<String> bound = new HashSet<>();
        for (HandlerParam p : route.params()) {
            String javaName = p.element().getSimpleName().toString();
            switch (p) {
                case HandlerParam.Path path -> {
                    if (template != null && !template.paramNames().contains(path.name())) {
                        problems.error(service, p.element(), PathParam.class, "value", "@PathParam(\"" + path.name()
                                + "\") names no parameter of path \"" + spec.path() + "\""
                                + (template.hasParams() ? " (it declares " + braces(template.paramNames()) + ")" : "")
                                + "; fix the name or add {" + path.name() + "} to the path");
                    }
                    if (!bound.add(path.name())) {
                        problems.error(service, p.element(), PathParam.class, "value", "path parameter {"
                                + path.name() + "} is bound twice; bind each path parameter to one handler parameter");
                    }
                    if (path.type() == null) {
                        problems.error(service, p.element(), "@PathParam parameter '" + javaName + "' has type "
                                + path.javaType() + ", which a path segment cannot be converted to; use "
                                + PathParamType.SUPPORTED);
                    }
                }
                case HandlerParam.Unbound unbound -> problems.error(service, p.element(), "parameter '" + javaName
                        + "' of type " + unbound.javaType() + " is neither ServerRequest, ServerResponse nor a "
                        + "@PathParam, so the routing cannot supply it; remove it or annotate it with @PathParam");
                default -> {
                }
            }
        }
        if (template != null) {
            for (String name : template.paramNames()) {
                if (!bound.contains(name)) {
                    error(Route.class, "path", "path parameter {" + name + "} of \"" + spec.path()
                            + "\" has no handler parameter; add a parameter such as @PathParam(\"" + name
                            + "\") String " + name + " to " + route.methodName() + "(...)");
                }
            }
        }
    }

    private void checkSignature() {
        String name = route.handlerClass() + "#" + route.methodName();
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            problems.error(service, method, "handler method " + name + " is private, so the generated routing cannot "
                    + "call it; make it public (or package-private)");
        }
        if (method.getModifiers().contains(Modifier.STATIC)) {
            problems.error(service, method, "handler method " + name + " is static; make it an instance method, "
                    + "the generated routing calls it on the handler instance passed to its constructor");
        }
        if (method.getReturnType().getKind() != TypeKind.VOID) {
            problems.error(service, method, "handler method " + name + " returns " + method.getReturnType()
                    + "; make it return void and answer through ServerResponse.send(...)");
        }
    }

    /** Routes of an external upstream are never called: a parameter or a verifier would promise a handler. */
    private void checkNoHandler() {
        if (!method.getParameters().isEmpty()) {
            problems.error(service, method, "route method " + method.getSimpleName() + " of external service \""
                    + service + "\" has parameters, but no handler is generated for an external upstream; declare it "
                    + "without parameters (e.g. as an interface method)");
        }
    }

    private void error(Class<? extends java.lang.annotation.Annotation> annotation, String attribute, String message) {
        problems.error(service, method, annotation, attribute, message);
    }

    private static String braces(List<String> names) {
        return String.join(", ", names.stream().map(n -> "{" + n + "}").toList());
    }
}
