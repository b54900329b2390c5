package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.Cache;
import dev.gatewaystack.route.CacheKey;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.model.CacheSpec;
import dev.gatewaystack.route.model.NginxValues;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

import java.util.Set;

/** {@code @Cache}: gateway caching of GET/HEAD responses, keyed so one caller never gets another's response. */
final class CachePolicy implements Policy<CacheSpec> {
    private static final Set<HttpMethod> CACHEABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    @Override
    public Class<Cache> annotation() {
        return Cache.class;
    }

    @Override
    public CacheSpec read(AnnotationValues c) {
        return new CacheSpec(c.string("success"), c.string("redirect"), c.string("notFound"),
                c.enums("key", CacheKey.class), c.strings("keyHeaders"), c.bool("staleOnError"), c.bool("lock"),
                c.strings("bypassHeaders"), c.strings("bypassQueryParams"));
    }

    @Override
    public void apply(CacheSpec spec, RouteSpec.Builder route) {
        route.cache(spec);
    }

    @Override
    public void check(Declared<CacheSpec> declared, String service, Problems problems) {
        CacheSpec c = declared.spec();
        declared.value(problems, service, "success", c.success(), NginxValues::checkDuration, "@Cache(success)");
        declared.value(problems, service, "redirect", c.redirect(), NginxValues::checkDuration, "@Cache(redirect)");
        declared.value(problems, service, "notFound", c.notFound(), NginxValues::checkDuration, "@Cache(notFound)");
        if (c.key().isEmpty()) {
            declared.error(problems, service, "key", "@Cache(key = {}) has an empty cache key; list its parts, "
                    + "e.g. {CacheKey.METHOD, CacheKey.HOST, CacheKey.URI}");
        }
        for (String header : c.keyHeaders()) {
            declared.value(problems, service, "keyHeaders", header, NginxValues::checkHeaderName, "@Cache(keyHeaders)");
        }
        for (String header : c.bypassHeaders()) {
            declared.value(problems, service, "bypassHeaders", header, NginxValues::checkHeaderName,
                    "@Cache(bypassHeaders)");
        }
        for (String param : c.bypassQueryParams()) {
            declared.value(problems, service, "bypassQueryParams", param, NginxValues::checkQueryParam,
                    "@Cache(bypassQueryParams)");
        }
    }

    @Override
    public void checkRoute(Declared<CacheSpec> declared, RouteContext context, Problems problems) {
        RouteSpec route = context.route();
        String service = context.service();
        if (!CACHEABLE.containsAll(route.methods())) {
            declared.error(problems, service, null, "@Cache on a route accepting " + route.methods() + "; only GET "
                    + "and HEAD responses can be cached: remove @Cache or restrict the route to methods = HttpMethod.GET");
        }
        if ((route.authenticated() || route.edgeAuth() != null) && !declared.spec().isPerCaller()) {
            declared.error(problems, service, "key", "@Cache on an "
                    + (route.edgeAuth() != null ? "@EdgeAuth" : "@Authenticated")
                    + " route would serve one caller's response to another; add CacheKey.USER or "
                    + "CacheKey.AUTHORIZATION to @Cache(key = ...)");
        }
        if (route.edgeAuth() == null && declared.spec().key().contains(CacheKey.USER)) {
            declared.error(problems, service, "key", "@Cache(key) uses CacheKey.USER but the route has no @EdgeAuth, "
                    + "so there is no user id; add @EdgeAuth to the route or its class, or use CacheKey.AUTHORIZATION");
        }
    }
}
