package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.Discovery;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Visibility;
import dev.gatewaystack.route.model.InvalidPathException;
import dev.gatewaystack.route.model.PathParamSpec;
import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.UpstreamSpec;
import dev.gatewaystack.route.processor.policy.Declared;
import dev.gatewaystack.route.processor.policy.Policies;
import dev.gatewaystack.route.processor.policy.Policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Turns annotated handler classes into processor models. Reads as much as it can and leaves judging to
 * {@link RouteValidator}: nothing here reports errors.
 */
final class RouteReader {
    static final String SERVER_REQUEST = "io.helidon.webserver.http.ServerRequest";
    static final String SERVER_RESPONSE = "io.helidon.webserver.http.ServerResponse";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Elements elements;
    private final Types types;
    private final UpstreamLookup upstreams;

    RouteReader(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
        this.upstreams = new UpstreamLookup(elements);
    }

    /** Handler classes sorted by qualified name, so output and error order do not depend on rounds. */
    List<HandlerModel> read(Collection<TypeElement> handlerTypes) {
        return handlerTypes.stream()
                .sorted(Comparator.comparing(t -> t.getQualifiedName().toString()))
                .map(this::readHandler)
                .toList();
    }

    /** Groups handlers with an {@code @Upstream} by service, in service name order. */
    static List<ServiceModel> group(List<HandlerModel> handlers) {
        Map<String, List<HandlerModel>> byService = new LinkedHashMap<>();
        handlers.stream().filter(h -> h.service() != null)
                .forEach(h -> byService.computeIfAbsent(h.service(), s -> new ArrayList<>()).add(h));
        return byService.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new ServiceModel(e.getKey(), e.getValue().getFirst().upstream(), e.getValue()))
                .toList();
    }

    private HandlerModel readHandler(TypeElement type) {
        UpstreamLookup.Found found = upstreams.find(type).orElse(null);
        String service = found == null ? null : found.service();
        List<Declared<?>> defaults = Policies.declaredOn(type, elements);
        List<RouteModel> routes = new ArrayList<>();
        for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
            AnnotationValues route = AnnotationValues.on(m, Route.class, elements);
            if (route != null) {
                routes.add(readRoute(service, type, m, route, defaults));
            }
        }
        return new HandlerModel(type, service, found == null ? null : found.spec(),
                found == null ? null : found.declaredOn(), defaults, routes);
    }

    /** {@code u}: the values of an {@code @Upstream}. */
    static UpstreamSpec upstreamSpec(AnnotationValues u) {
        return new UpstreamSpec(u.integer("port"), u.enumValue("balancing", Balancing.class),
                u.enumValue("hashKey", HashKey.class), u.integer("keepalive"), u.integer("maxFails"),
                u.string("failTimeout"), u.enumValue("discovery", Discovery.class), u.bool("external"));
    }

    private RouteModel readRoute(String service, TypeElement type, ExecutableElement method, AnnotationValues route,
                                 List<Declared<?>> classDefaults) {
        String name = method.getSimpleName().toString();
        List<HttpMethod> methods = route.enums("methods", HttpMethod.class);
        String handlerClass = type.getQualifiedName().toString();
        String explicitId = route.string("id");
        String path = route.string("path");
        String id = explicitId.isEmpty() ? (service == null ? type.getSimpleName() : service) + "." + name : explicitId;
        RouteSpec.Builder spec = RouteSpec.builder(id, handlerClass + "#" + name, path)
                .match(route.enumValue("match", Match.class))
                .methods(methods)
                .visibility(route.enumValue("visibility", Visibility.class))
                .idempotent(SAFE.containsAll(methods));
        // Loops, not streams, here and below: this runs once per route, mostly before the JIT has compiled it.
        List<Declared<?>> policies = effective(Policies.declaredOn(method, elements), classDefaults);
        Set<Policy<?>> declared = new HashSet<>();
        for (Declared<?> d : policies) {
            d.applyTo(spec);
            declared.add(d.policy());
        }
        for (Policy<?> p : Policies.ALL) {
            if (!declared.contains(p)) {
                p.absent(spec);
            }
        }
        PathTemplate template = null;
        String pathError = null;
        try {
            template = PathTemplate.parse(path);
        } catch (InvalidPathException e) {
            pathError = e.getMessage();
        }
        List<HandlerParam> params = new ArrayList<>();
        List<PathParamSpec> pathParams = new ArrayList<>();
        for (VariableElement v : method.getParameters()) {
            HandlerParam p = readParam(v);
            params.add(p);
            if (p instanceof HandlerParam.Path bound && bound.type() != null) {
                pathParams.add(bound.type().spec(bound.name()));
            }
        }
        spec.pathParams(pathParams);
        return new RouteModel(spec.build(), explicitId, template, pathError, handlerClass, name, params, policies,
                method);
    }

    /** The method's declarations, then the class defaults it does not override (class-level policies apply to every route). */
    private static List<Declared<?>> effective(List<Declared<?>> onMethod, List<Declared<?>> onClass) {
        if (onClass.isEmpty()) {
            return onMethod;
        }
        List<Declared<?>> all = new ArrayList<>(onMethod);
        for (Declared<?> d : onClass) {
            if (!declares(onMethod, d.policy())) {
                all.add(d);
            }
        }
        return all;
    }

    private static boolean declares(List<Declared<?>> declarations, Policy<?> policy) {
        for (Declared<?> d : declarations) {
            if (d.policy() == policy) {
                return true;
            }
        }
        return false;
    }

    private HandlerParam readParam(VariableElement p) {
        String javaType = types.erasure(p.asType()).toString();
        AnnotationValues pathParam = AnnotationValues.on(p, PathParam.class, elements);
        if (pathParam != null) {
            String value = pathParam.string("value");
            String name = value.isEmpty() ? p.getSimpleName().toString() : value;
            return new HandlerParam.Path(p, name, PathParamType.of(javaType).orElse(null), javaType);
        }
        if (javaType.equals(SERVER_REQUEST)) {
            return new HandlerParam.Request(p);
        }
        if (javaType.equals(SERVER_RESPONSE)) {
            return new HandlerParam.Response(p);
        }
        return new HandlerParam.Unbound(p, javaType);
    }
}
