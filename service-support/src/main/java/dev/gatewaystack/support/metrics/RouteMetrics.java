package dev.gatewaystack.support.metrics;

import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.RouteMeters;
import dev.gatewaystack.route.model.ServiceManifest;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Per-route RED metrics for a service's generated routing, without touching the generated code: the generated
 * {@code HttpService} registers its routes on rules that wrap every handler, and each registration is named by the
 * id of its manifest route ({@code META-INF/gateway/<service>.json}, written by the same processor run). Every
 * answered request of a route counts once in {@value RouteMeters#SERVICE_REQUESTS} and once in the
 * {@value RouteMeters#SERVICE_DURATION} histogram, labelled route id, method and status class, when its response is
 * sent (so a status set by an error handler after the handler threw is the one counted).
 *
 * <p>Usage: {@code routing.register(RouteMetrics.recorded(ApiServiceRoutes.SERVICE, routes))}.
 */
public final class RouteMetrics {
    private static final Duration[] BUCKETS = RouteMeters.LATENCY_BUCKETS_SECONDS.stream()
            .map(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();

    private RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The generated routing of {@code service} with every route recorded in Helidon's global registry. */
    public static HttpService recorded(String service, HttpService generated) {
        return recorded(manifest(service, generated.getClass().getClassLoader()), generated, Metrics.globalRegistry());
    }

    static HttpService recorded(ServiceManifest manifest, HttpService generated, MeterRegistry registry) {
        RouteIds ids = RouteIds.of(manifest);
        RouteMetrics metrics = new RouteMetrics(registry);
        return rules -> generated.routing(new RecordingRules(rules, ids, metrics));
    }

    static ServiceManifest manifest(String service, ClassLoader loader) {
        String resource = ManifestFiles.DIRECTORY + ManifestFiles.fileName(service);
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath; the route processor writes it"
                        + " next to the generated routing (./mvnw package)");
            }
            return ManifestFiles.fromJson(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    Handler timed(String routeId, Method method, Handler handler) {
        // One slot per status class (1xx..5xx, other), filled on first use: no lookup key built per request.
        AtomicReferenceArray<Meters> byClass = new AtomicReferenceArray<>(6);
        return (req, res) -> {
            long start = System.nanoTime();
            res.whenSent(() -> record(byClass, routeId, method, res.status().code(), System.nanoTime() - start));
            handler.handle(req, res);
        };
    }

    private void record(AtomicReferenceArray<Meters> byClass, String routeId, Method method, int status, long nanos) {
        int slot = status >= 100 && status < 600 ? status / 100 - 1 : 5;
        Meters m = byClass.get(slot);
        if (m == null) {
            String statusClass = RouteMeters.statusClass(status);
            m = meters.computeIfAbsent(routeId + ' ' + method.text() + ' ' + statusClass,
                    k -> new Meters(routeId, method.text(), statusClass));
            byClass.set(slot, m);
        }
        m.requests.increment();
        m.duration.record(Duration.ofNanos(nanos));
    }

    private final class Meters {
        final Counter requests;
        final Timer duration;

        Meters(String routeId, String method, String statusClass) {
            var tags = java.util.List.of(io.helidon.metrics.api.Tag.create(RouteMeters.ROUTE_ID, routeId),
                    io.helidon.metrics.api.Tag.create(RouteMeters.METHOD, method),
                    io.helidon.metrics.api.Tag.create(RouteMeters.STATUS_CLASS, statusClass));
            requests = registry.getOrCreate(Counter.builder(RouteMeters.SERVICE_REQUESTS).tags(tags)
                    .description("Requests answered by an annotated route of this service"));
            duration = registry.getOrCreate(Timer.builder(RouteMeters.SERVICE_DURATION).tags(tags)
                    .buckets(BUCKETS)
                    .description("Time from the route's handler being called to its response being sent"));
        }
    }

    /** Rules that pass everything on, wrapping each route's handler; a registration without a manifest route fails. */
    private record RecordingRules(HttpRules delegate, RouteIds ids, RouteMetrics metrics) implements HttpRules {
        @Override
        public HttpRules register(HttpService... services) {
            delegate.register(services);
            return this;
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            delegate.register(pathPattern, services);
            return this;
        }

        @Override
        public HttpRules route(Method method, PathMatcher pathMatcher, Handler handler) {
            String id = ids.of(method, pathMatcher);
            delegate.route(method, pathMatcher, metrics.timed(id, method, handler));
            return this;
        }

        @Override
        public HttpRules route(Method method, String pathPattern, Handler handler) {
            return route(method, io.helidon.http.PathMatchers.create(pathPattern), handler);
        }

        @Override
        public HttpRules route(HttpRoute route) {
            // Only reached by a registration form RouteMetrics cannot name (an HttpRoute hides method and path).
            throw new IllegalStateException("the generated routing registered a route RouteMetrics cannot attribute to"
                    + " a manifest route id; register with rules.route(Method, PathMatcher, Handler)");
        }
    }
}
