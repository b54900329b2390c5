package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.plan.LocationPlan;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Names and quoting shared by the renderers, so each name is spelled in one place. */
public final class Names {
    static final String COMMON_HEADERS = "common-headers.conf";
    static final String PROXY_HEADERS = "proxy-headers.conf";
    static final String STATIC_HEADERS = "static-headers.conf";
    static final String MIME_TYPES = "mime.types";
    /** Sets $gateway_public_origin; the image's entrypoint rewrites it from PUBLIC_BASE_URL at container start. */
    static final String PUBLIC_ORIGIN = "public-origin.conf";
    static final String LOG_FORMAT = "gateway_json";
    /** The same line ending in a newline, for datagram readers that split on newlines (mtail over syslog/UDP). */
    static final String LOG_FORMAT_LINES = "gateway_json_lines";
    static final String REQUEST_ID = "$gateway_request_id";
    /** The raw request path, without the query ($uri is rewritten to /__route/... by dispatch). */
    static final String REQUEST_PATH = "$gateway_request_path";
    /** The access log's @timestamp: ISO 8601 with milliseconds ($time_iso8601 has whole seconds only). */
    static final String LOG_TIMESTAMP = "$gateway_log_timestamp";
    /** $request_time (seconds, millisecond resolution) in nanoseconds, ECS's unit of event.duration. */
    static final String DURATION_NANOS = "$gateway_duration_ns";
    static final String ALLOW = "$gateway_allow";
    /** The raw request path as a JSON string, or null when it holds characters JSON would need escaped. */
    static final String PROBLEM_INSTANCE = "$gateway_problem_instance";
    /** "1" when the raw request path is one nginx and the services could route differently (see ServerRenderer). */
    static final String UNSAFE_PATH = "$gateway_unsafe_path";
    /** The Authorization header without a bearer token (kept: other schemes, e.g. an admin UI's own Basic). */
    static final String UPSTREAM_AUTHORIZATION = "$gateway_authorization_without_bearer";
    /** The Cookie header without the stack's gs_session cookie. */
    static final String UPSTREAM_COOKIE = "$gateway_cookie_without_session";
    static final String SESSION_COOKIE = "gs_session";
    /** Docker's embedded DNS server, which resolves Compose service names (external upstreams are resolved per
     * request through it; targets that give them IP literals, like the loopback one, never query it). */
    static final String DOCKER_DNS = "127.0.0.11";

    private Names() {
    }

    /** Letters, digits and '_' only: safe in zone and variable names. */
    static String token(String value) {
        return value.replaceAll("[^A-Za-z0-9_]", "_");
    }

    public static String cacheZone(String service) {
        return "cache_" + token(service);
    }

    public static String rateZone(String routeId) {
        return "rate_" + token(routeId);
    }

    /** Internal location that asks the verifier about {@code role} ("" = any authenticated user). */
    public static String edgeAuthUri(String role) {
        return "/__edge_auth/" + (role.isEmpty() ? "any" : "role_" + token(role));
    }

    static String edgeAuthQuery(String role) {
        return role.isEmpty() ? "" : "?role=" + URLEncoder.encode(role, StandardCharsets.UTF_8);
    }

    static String preflightUri(LocationPlan location) {
        return "/__cors/" + location.index();
    }

    /** Seconds of an nginx duration, at least 0. */
    static long seconds(String duration) {
        return dev.gatewaystack.route.model.NginxValues.durationMillis(duration) / 1000;
    }
}
