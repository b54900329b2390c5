package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.Authenticated;
import dev.gatewaystack.route.Cache;
import dev.gatewaystack.route.Cors;
import dev.gatewaystack.route.EdgeAuth;
import dev.gatewaystack.route.EdgeAuthVerifier;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Idempotent;
import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.RateLimit;
import dev.gatewaystack.route.Retry;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Streaming;
import dev.gatewaystack.route.Timeouts;
import dev.gatewaystack.route.Upstream;
import dev.gatewaystack.route.model.CacheSpec;
import dev.gatewaystack.route.model.CorsSpec;
import dev.gatewaystack.route.model.EdgeAuthSpec;
import dev.gatewaystack.route.model.RateLimitSpec;
import dev.gatewaystack.route.model.RetrySpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.StreamingSpec;
import dev.gatewaystack.route.model.TimeoutSpec;
import dev.gatewaystack.route.model.UpstreamSpec;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
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

    private final Types types;
    private final UpstreamLookup upstreams;

    RouteReader(Elements elements, Types types) {
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
        var found = upstreams.find(type);
        String service = found.map(f -> f.upstream().service()).orElse(null);
        List<RouteModel> routes = ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(m -> m.getAnnotation(Route.class) != null)
                .map(m -> readRoute(service, type, m))
                .toList();
        return new HandlerModel(type, service, found.map(f -> upstreamSpec(f.upstream())).orElse(null),
                found.map(UpstreamLookup.Found::declaredOn).orElse(null), routes);
    }

    static UpstreamSpec upstreamSpec(Upstream u) {
        return new UpstreamSpec(u.port(), u.balancing(), u.hashKey(), u.keepalive(), u.maxFails(), u.failTimeout(),
                u.discovery(), u.replicas(), u.external());
    }

    private RouteModel readRoute(String service, TypeElement type, ExecutableElement method) {
        Route route = method.getAnnotation(Route.class);
        String name = method.getSimpleName().toString();
        List<HttpMethod> methods = List.of(route.methods());
        boolean idempotent = SAFE.containsAll(methods) || method.getAnnotation(Idempotent.class) != null;
        Retry retry = method.getAnnotation(Retry.class);
        EdgeAuth edgeAuth = declared(method, type, EdgeAuth.class);
        MaxBodySize maxBody = declared(method, type, MaxBodySize.class);
        Timeouts timeouts = declared(method, type, Timeouts.class);
        Cors cors = declared(method, type, Cors.class);
        Cache cache = method.getAnnotation(Cache.class);
        RateLimit rateLimit = method.getAnnotation(RateLimit.class);
        Streaming streaming = method.getAnnotation(Streaming.class);
        String handlerClass = type.getQualifiedName().toString();
        RouteSpec spec = new RouteSpec(
                route.id().isEmpty() ? (service == null ? type.getSimpleName() : service) + "." + name : route.id(),
                handlerClass + "#" + name,
                route.path(),
                route.match(),
                methods,
                route.visibility(),
                idempotent,
                declared(method, type, Authenticated.class) != null,
                edgeAuth == null ? null : new EdgeAuthSpec(edgeAuth.role()),
                method.getAnnotation(EdgeAuthVerifier.class) != null,
                cache == null ? null : new CacheSpec(cache.success(), cache.redirect(), cache.notFound(),
                        List.of(cache.key()), List.of(cache.keyHeaders()), cache.staleOnError(), cache.lock(),
                        List.of(cache.bypassHeaders()), List.of(cache.bypassQueryParams())),
                rateLimit == null ? null
                        : new RateLimitSpec(rateLimit.rate(), rateLimit.burst(), rateLimit.key(), rateLimit.nodelay()),
                maxBody == null ? null : maxBody.value(),
                timeouts == null ? null
                        : new TimeoutSpec(emptyToNull(timeouts.connect()), emptyToNull(timeouts.read()),
                        emptyToNull(timeouts.send())),
                cors == null ? null : new CorsSpec(List.of(cors.origins()), List.of(cors.allowHeaders()),
                        List.of(cors.exposeHeaders()), cors.credentials(), cors.maxAge()),
                streaming == null ? null : new StreamingSpec(streaming.value(), streaming.idleTimeout()),
                retry != null ? new RetrySpec(retry.attempts(), List.of(retry.on()), emptyToNull(retry.within()))
                        : idempotent ? RetrySpec.defaults() : null);
        List<HandlerParam> params = method.getParameters().stream().map(this::readParam).toList();
        return new RouteModel(spec, handlerClass, name, params, method);
    }

    private HandlerParam readParam(VariableElement p) {
        String javaType = types.erasure(p.asType()).toString();
        PathParam pathParam = p.getAnnotation(PathParam.class);
        if (pathParam != null) {
            String name = pathParam.value().isEmpty() ? p.getSimpleName().toString() : pathParam.value();
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

    /** The method's annotation, else the class default (class-level policies apply to every route). */
    private static <A extends Annotation> A declared(Element method, TypeElement type, Class<A> annotation) {
        A onMethod = method.getAnnotation(annotation);
        return onMethod != null ? onMethod : type.getAnnotation(annotation);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
