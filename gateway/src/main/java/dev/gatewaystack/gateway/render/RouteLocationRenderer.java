package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.policy.GatewayPolicies;
import dev.gatewaystack.route.model.ServiceManifest;

import java.util.ArrayList;
import java.util.List;

/**
 * A route's policies and proxy_pass: in {@code location = /__route/<id>}, reached by a dispatch rewrite, or in its
 * path location when that serves it in place ({@link RoutePlan#servedInPlace}). The fixed parts are written here;
 * each {@link GatewayPolicy} fills its {@link LocationSlot}s.
 */
final class RouteLocationRenderer {
    private RouteLocationRenderer() {
    }

    static void render(NginxWriter c, RouteContext r) {
        c.block("location", "=", r.route().internalUri());
        c.directive("internal");
        directives(c, r, false);
        c.end();
    }

    /**
     * The route's directives. In place, nginx has not rewritten the URI, so a proxy_pass without one sends the
     * client's as it came (what $request_uri is), with no per-request parsing of a variable upstream address.
     */
    static void directives(NginxWriter c, RouteContext r, boolean inPlace) {
        PlannedRoute route = r.route();
        c.directive("set", "$route_id", route.id());
        c.directive("set", "$route_service", route.service());
        slots(c, r, LocationSlot.BODY_SIZE, LocationSlot.RATE_LIMIT, LocationSlot.AUTH_REQUEST);
        c.directive("include", Names.PROXY_HEADERS);
        slots(c, r, LocationSlot.IDENTITY_HEADERS);
        if (r.external()) {
            c.comment("an admin UI must not see the caller's stack credentials: no bearer token, no gs_session cookie");
            c.directive("proxy_set_header", "Authorization", Names.UPSTREAM_AUTHORIZATION);
            c.directive("proxy_set_header", "Cookie", Names.UPSTREAM_COOKIE);
        }
        c.directive("proxy_http_version", "1.1");
        slots(c, r, LocationSlot.CONNECTION);
        c.directive("proxy_hide_header", "X-Request-ID");
        slots(c, r, LocationSlot.TIMEOUTS, LocationSlot.BUFFERING, LocationSlot.RETRY, LocationSlot.RESPONSE);
        List<ResponseHeader> headers = new ArrayList<>();
        GatewayPolicies.ALL.forEach(p -> headers.addAll(p.responseHeaders(r)));
        if (!headers.isEmpty()) {
            // add_header here drops the server's add_headers, so repeat the common ones.
            c.directive("include", Names.COMMON_HEADERS);
            headers.forEach(h -> c.directive("add_header", h.name(), h.value(), "always"));
        }
        ServiceManifest service = r.plan().service(route.service());
        if (service.upstream().external()) {
            externalProxyPass(c, service, r.target());
        } else {
            c.directive("proxy_pass", "http://" + route.service() + (inPlace ? "" : "$request_uri"));
        }
    }

    private static void slots(NginxWriter c, RouteContext r, LocationSlot... slots) {
        for (LocationSlot slot : slots) {
            GatewayPolicies.ALL.forEach(p -> p.render(slot, r, c));
        }
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
}
