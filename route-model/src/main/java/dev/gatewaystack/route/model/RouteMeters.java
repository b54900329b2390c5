package dev.gatewaystack.route.model;

import java.util.List;

/**
 * The per-route meter family of the whole stack: the names and labels the services record (service-support's
 * {@code RouteMetrics}), the SLO rules query and the dashboard shows. One place, so a renamed meter breaks the build
 * of everything that reads it instead of emptying a panel.
 */
public final class RouteMeters {
    /** Helidon meter name of the services' request counter; Prometheus: {@link #SERVICE_REQUESTS_TOTAL}. */
    public static final String SERVICE_REQUESTS = "gatewaystack.route.requests";
    /** Helidon timer name of the services' latency histogram; Prometheus: {@code gatewaystack_route_duration_seconds_*}. */
    public static final String SERVICE_DURATION = "gatewaystack.route.duration";
    public static final String SERVICE_REQUESTS_TOTAL = "gatewaystack_route_requests_total";
    public static final String SERVICE_DURATION_BUCKET = "gatewaystack_route_duration_seconds_bucket";
    public static final String SERVICE_DURATION_COUNT = "gatewaystack_route_duration_seconds_count";

    /** Labels: the manifest's route id, the HTTP method, the status class ({@code 2xx} ... {@code 5xx}). */
    public static final String ROUTE_ID = "route_id";
    public static final String METHOD = "method";
    public static final String STATUS_CLASS = "status_class";

    /**
     * Upper bounds (seconds) of the latency histogram. An SLO's latency threshold must be one of them, so that
     * "answered within the threshold" is a bucket count, not an interpolation.
     */
    public static final List<Double> LATENCY_BUCKETS_SECONDS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.3, 0.5, 0.75, 1.0, 2.0, 2.5, 5.0, 10.0);

    private RouteMeters() {
    }

    /** {@code 2xx} for 200..299, and so on; a status outside 100..599 is {@code other}. */
    public static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }
}
