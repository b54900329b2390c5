package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.Cache;
import dev.gatewaystack.route.CacheKey;
import dev.gatewaystack.route.EdgeAuthVerifier;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.RateLimit;
import dev.gatewaystack.route.RateLimitKey;
import dev.gatewaystack.route.Retry;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Streaming;
import dev.gatewaystack.route.StreamingMode;
import dev.gatewaystack.route.Visibility;
import dev.gatewaystack.route.model.InvalidPathException;
import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/** Checks one route on its own: path, handler signature, and policies that depend on the route's methods. */
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
        checkCache();
        checkUserKeys();
        checkRetry();
        checkStreaming();
        checkVerifier();
        new PolicyChecks(problems, service, method).check();
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
        String explicit = method.getAnnotation(Route.class).id();
        if (!explicit.isEmpty() && !ROUTE_ID.matcher(explicit).matches()) {
            error(Route.class, "id", "@Route(id = \"" + explicit + "\") may only contain letters, digits, '.', '_' "
                    + "and '-'; rename it, e.g. \"" + explicit.replaceAll("[^A-Za-z0-9._-]", "-") + "\"");
        }
    }

    /** The parsed path, or null after reporting why it does not parse. */
    private PathTemplate parsePath() {
        try {
            return PathTemplate.parse(spec.path());
        } catch (InvalidPathException e) {
            error(Route.class, "path", "@Route " + e.getMessage());
            return null;
        }
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
        if (spec.edgeAuthVerifier()) {
            error(dev.gatewaystack.route.EdgeAuthVerifier.class, null, "the @EdgeAuthVerifier must be served by a "
                    + "service built here, not by external service \"" + service + "\"; move it to that service");
        }
    }

    private void checkCache() {
        if (spec.cache() == null) {
            return;
        }
        if (!Set.of(HttpMethod.GET, HttpMethod.HEAD).containsAll(spec.methods())) {
            error(Cache.class, null, "@Cache on a route accepting " + spec.methods() + "; only GET and HEAD "
                    + "responses can be cached: remove @Cache or restrict the route to methods = HttpMethod.GET");
        }
        if ((spec.authenticated() || spec.edgeAuth() != null) && !spec.cache().isPerCaller()) {
            error(Cache.class, "key", "@Cache on an " + (spec.edgeAuth() != null ? "@EdgeAuth" : "@Authenticated")
                    + " route would serve one caller's response to another; add CacheKey.USER or "
                    + "CacheKey.AUTHORIZATION to @Cache(key = ...)");
        }
    }

    private void checkUserKeys() {
        if (spec.edgeAuth() != null) {
            return;
        }
        if (spec.cache() != null && spec.cache().key().contains(CacheKey.USER)) {
            error(Cache.class, "key", "@Cache(key) uses CacheKey.USER but the route has no @EdgeAuth, so there is "
                    + "no user id; add @EdgeAuth to the route or its class, or use CacheKey.AUTHORIZATION");
        }
        if (spec.rateLimit() != null && spec.rateLimit().key() == RateLimitKey.USER) {
            error(RateLimit.class, "key", "@RateLimit(key = RateLimitKey.USER) needs the user id from @EdgeAuth; "
                    + "add @EdgeAuth to the route or its class, or use RateLimitKey.CLIENT_IP");
        }
    }

    private void checkRetry() {
        Retry retry = method.getAnnotation(Retry.class);
        if (retry == null) {
            return;
        }
        if (!spec.idempotent()) {
            error(Retry.class, null, "@Retry on a route accepting " + spec.methods() + ", which is not idempotent, "
                    + "so a retry could run it twice; add @Idempotent if running it twice is safe, or remove @Retry");
        }
        if (retry.attempts() < 2) {
            error(Retry.class, "attempts", "@Retry(attempts = " + retry.attempts() + ") counts the first attempt, "
                    + "so it never retries; use 2 or more, or remove @Retry");
        }
    }

    private void checkStreaming() {
        Streaming streaming = method.getAnnotation(Streaming.class);
        if (streaming == null) {
            return;
        }
        if (!spec.methods().equals(List.of(HttpMethod.GET))) {
            error(Streaming.class, null, "@Streaming on a route accepting " + spec.methods()
                    + "; streams are opened with GET: use methods = HttpMethod.GET");
        }
        // An external service answers the upgrade itself; only the generated Helidon routing cannot.
        if (streaming.value() == StreamingMode.WEBSOCKET && !external) {
            error(Streaming.class, "value", "@Streaming(StreamingMode.WEBSOCKET) cannot be served by the generated "
                    + "Helidon routing in this build: helidon-webserver-websocket 4.1.7 is not available, so the "
                    + "upgrade would never be answered; use StreamingMode.SSE or serve the WebSocket outside @Route");
        }
        if (spec.cache() != null) {
            error(Streaming.class, null, "@Streaming together with @Cache: a stream cannot be cached; remove @Cache");
        }
    }

    private void checkVerifier() {
        if (!spec.edgeAuthVerifier()) {
            return;
        }
        if (spec.visibility() != Visibility.INTERNAL || !spec.methods().contains(HttpMethod.GET)) {
            error(EdgeAuthVerifier.class, null, "the @EdgeAuthVerifier route must be internal and accept GET, "
                    + "because the gateway calls it with GET on the internal network; declare it with "
                    + "@Route(..., methods = HttpMethod.GET, visibility = Visibility.INTERNAL)");
        }
    }

    private void error(Class<? extends java.lang.annotation.Annotation> annotation, String attribute, String message) {
        problems.error(service, method, annotation, attribute, message);
    }

    private static String braces(List<String> names) {
        return String.join(", ", names.stream().map(n -> "{" + n + "}").toList());
    }
}
