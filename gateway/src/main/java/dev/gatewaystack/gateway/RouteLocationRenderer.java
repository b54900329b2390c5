package dev.gatewaystack.gateway;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.RetryOn;
import dev.gatewaystack.route.StreamingMode;
import dev.gatewaystack.route.model.RateLimitSpec;
import dev.gatewaystack.route.model.RetrySpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.StreamingSpec;
import dev.gatewaystack.route.model.TimeoutSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code location = /__route/<id>}: one per public route, holding its policies and the proxy_pass. */
final class RouteLocationRenderer {
    private RouteLocationRenderer() {
    }

    static void render(NginxWriter c, PlannedRoute r, RoutePlan plan, GatewayTarget target, CorsOrigins cors) {
        RouteSpec s = r.spec();
        c.block("location", "=", r.internalUri());
        c.directive("internal");
        c.directive("set", "$route_id", r.id());
        c.directive("set", "$route_service", r.service());
        c.directive("client_max_body_size", bodySize(r, target));
        rateLimit(c, r);
        edgeAuth(c, s);
        c.directive("include", Names.PROXY_HEADERS);
        if (s.edgeAuth() != null) {
            c.directive("proxy_set_header", "X-Auth-User", "$auth_user");
            c.directive("proxy_set_header", "X-Auth-Roles", "$auth_roles");
        } else {
            c.comment("never trust identity headers sent by the client");
            c.directive("proxy_set_header", "X-Auth-User", "");
            c.directive("proxy_set_header", "X-Auth-Roles", "");
        }
        if (plan.service(r.service()).upstream().external()) {
            c.comment("an admin UI must not see the caller's stack credentials: no bearer token, no gs_session cookie");
            c.directive("proxy_set_header", "Authorization", Names.UPSTREAM_AUTHORIZATION);
            c.directive("proxy_set_header", "Cookie", Names.UPSTREAM_COOKIE);
        }
        c.directive("proxy_http_version", "1.1");
        StreamingSpec streaming = s.streaming();
        if (streaming != null && streaming.mode() == StreamingMode.WEBSOCKET) {
            c.directive("proxy_set_header", "Upgrade", "$http_upgrade");
            c.directive("proxy_set_header", "Connection", "$connection_upgrade");
        } else {
            c.directive("proxy_set_header", "Connection", "");
        }
        c.directive("proxy_hide_header", "X-Request-ID");
        timeouts(c, s.timeouts(), streaming);
        if (streaming != null) {
            c.directive("proxy_buffering", "off");
            c.directive("proxy_request_buffering", "off");
            c.directive("proxy_cache", "off");
        } else if (s.cache() != null) {
            CacheRenderer.render(c, r);
        }
        retry(c, s);
        List<Object[]> headers = new ArrayList<>();
        if (s.cache() != null && streaming == null) {
            headers.add(new Object[]{"X-Cache-Status", "$upstream_cache_status"});
        }
        if (s.cors() != null) {
            c.directive("proxy_hide_header", "Access-Control-Allow-Origin");
            headers.addAll(CorsRenderer.responseHeaders(s.cors(), cors));
        }
        if (!headers.isEmpty()) {
            // add_header here drops the server's add_headers, so repeat the common ones.
            c.directive("include", Names.COMMON_HEADERS);
            headers.forEach(h -> c.directive("add_header", h[0], h[1], "always"));
        }
        ServiceManifest service = plan.service(r.service());
        if (service.upstream().external()) {
            externalProxyPass(c, service, target);
        } else {
            c.directive("proxy_pass", "http://" + r.service() + "$request_uri");
        }
        c.end();
    }

    /**
     * An external upstream has no upstream block: nginx resolves a host named in a static proxy_pass or upstream at
     * start-up and refuses to start when it does not resolve, so an optional service that is not running (Grafana,
     * Kibana in CI) would take the whole gateway down. A variable in proxy_pass defers resolution to each request
     * (cached for {@code valid}), through Docker's embedded DNS: a missing service answers 502.
     */
    private static void externalProxyPass(NginxWriter c, ServiceManifest service, GatewayTarget target) {
        c.directive("resolver", Names.DOCKER_DNS, "valid=10s", "ipv6=off");
        c.directive("resolver_timeout", "2s");
        c.directive("set", "$external_upstream", target.servers(service).getFirst());
        c.directive("proxy_pass", "http://$external_upstream$request_uri");
    }

    static String bodySize(PlannedRoute r, GatewayTarget target) {
        String size = r.spec().maxBodySize();
        return size == null || size.isEmpty() ? target.defaultMaxBodySize() : size;
    }

    private static void rateLimit(NginxWriter c, PlannedRoute r) {
        RateLimitSpec rl = r.spec().rateLimit();
        if (rl == null) {
            return;
        }
        List<String> words = new ArrayList<>(List.of("limit_req", "zone=" + Names.rateZone(r.id())));
        if (rl.burst() > 0) {
            words.add("burst=" + rl.burst());
        }
        if (rl.nodelay()) {
            words.add("nodelay");
        }
        c.directive(words.getFirst(), words.subList(1, words.size()).toArray());
        c.directive("limit_req_status", "429");
    }

    private static void edgeAuth(NginxWriter c, RouteSpec s) {
        if (s.edgeAuth() == null) {
            return;
        }
        String role = s.edgeAuth().role() == null ? "" : s.edgeAuth().role();
        c.directive("auth_request", Names.edgeAuthUri(role));
        c.directive("auth_request_set", "$auth_user", "$upstream_http_x_auth_user");
        c.directive("auth_request_set", "$auth_roles", "$upstream_http_x_auth_roles");
    }

    private static void timeouts(NginxWriter c, TimeoutSpec t, StreamingSpec streaming) {
        String connect = t == null ? null : t.connect();
        String read = t == null ? null : t.read();
        String send = t == null ? null : t.send();
        if (streaming != null && streaming.idleTimeout() != null) {
            read = streaming.idleTimeout();
            if (streaming.mode() == StreamingMode.WEBSOCKET) {
                send = streaming.idleTimeout();
            }
        }
        if (present(connect)) {
            c.directive("proxy_connect_timeout", connect);
        }
        if (present(read)) {
            c.directive("proxy_read_timeout", read);
        }
        if (present(send)) {
            c.directive("proxy_send_timeout", send);
        }
    }

    private static boolean present(String v) {
        return v != null && !v.isEmpty();
    }

    private static void retry(NginxWriter c, RouteSpec s) {
        if (!s.idempotent()) {
            c.directive("proxy_next_upstream", "off");
            return;
        }
        RetrySpec retry = s.retry() == null ? RetrySpec.defaults() : s.retry();
        List<String> words = new ArrayList<>(List.of("proxy_next_upstream"));
        for (RetryOn on : retry.on()) {
            words.add(on.name().toLowerCase(Locale.ROOT));
        }
        // nginx never retries POST/PATCH/LOCK unless told; an @Idempotent route says it may.
        if (s.methods().stream().anyMatch(m -> m == HttpMethod.POST || m == HttpMethod.PATCH)) {
            words.add("non_idempotent");
        }
        c.directive(words.getFirst(), words.subList(1, words.size()).toArray());
        c.directive("proxy_next_upstream_tries", String.valueOf(retry.attempts()));
        if (present(retry.within())) {
            c.directive("proxy_next_upstream_timeout", retry.within());
        }
    }
}
