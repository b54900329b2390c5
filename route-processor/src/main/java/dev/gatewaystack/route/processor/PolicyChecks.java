package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.Cache;
import dev.gatewaystack.route.Cors;
import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.RateLimit;
import dev.gatewaystack.route.Retry;
import dev.gatewaystack.route.Streaming;
import dev.gatewaystack.route.Timeouts;
import dev.gatewaystack.route.model.NginxValues;

import java.lang.annotation.Annotation;
import java.util.Optional;
import java.util.function.Function;
import javax.lang.model.element.Element;

/**
 * Checks the values written in policy annotations on one element (class or method): every duration, size,
 * rate, header name, query parameter and origin must be something nginx reads. Class-level annotations are
 * checked once on the class, not once per route.
 */
final class PolicyChecks {
    private static final long MAX_CONNECT_MILLIS = 75_000;

    private final Problems problems;
    private final String service;
    private final Element element;

    PolicyChecks(Problems problems, String service, Element element) {
        this.problems = problems;
        this.service = service;
        this.element = element;
    }

    void check() {
        MaxBodySize maxBody = element.getAnnotation(MaxBodySize.class);
        if (maxBody != null) {
            value(MaxBodySize.class, "value", maxBody.value(), NginxValues::checkSize, "@MaxBodySize");
        }
        Timeouts timeouts = element.getAnnotation(Timeouts.class);
        if (timeouts != null) {
            checkTimeouts(timeouts);
        }
        Cors cors = element.getAnnotation(Cors.class);
        if (cors != null) {
            checkCors(cors);
        }
        Cache cache = element.getAnnotation(Cache.class);
        if (cache != null) {
            checkCache(cache);
        }
        RateLimit rateLimit = element.getAnnotation(RateLimit.class);
        if (rateLimit != null) {
            value(RateLimit.class, "rate", rateLimit.rate(), NginxValues::checkRate, "@RateLimit(rate)");
            if (rateLimit.burst() < 0) {
                problems.error(service, element, RateLimit.class, "burst",
                        "@RateLimit(burst = " + rateLimit.burst() + ") is negative; use 0 or more");
            }
        }
        Streaming streaming = element.getAnnotation(Streaming.class);
        if (streaming != null) {
            value(Streaming.class, "idleTimeout", streaming.idleTimeout(), NginxValues::checkDuration,
                    "@Streaming(idleTimeout)");
        }
        Retry retry = element.getAnnotation(Retry.class);
        if (retry != null && !retry.within().isEmpty()) {
            value(Retry.class, "within", retry.within(), NginxValues::checkDuration, "@Retry(within)");
        }
    }

    private void checkTimeouts(Timeouts timeouts) {
        for (String[] t : new String[][] {{"connect", timeouts.connect()}, {"read", timeouts.read()},
                {"send", timeouts.send()}}) {
            if (!t[1].isEmpty()) {
                value(Timeouts.class, t[0], t[1], NginxValues::checkDuration, "@Timeouts(" + t[0] + ")");
            }
        }
        String connect = timeouts.connect();
        if (!connect.isEmpty() && NginxValues.checkDuration(connect).isEmpty()
                && NginxValues.durationMillis(connect) > MAX_CONNECT_MILLIS) {
            problems.error(service, element, Timeouts.class, "connect", "@Timeouts(connect = \"" + connect
                    + "\") is longer than 75s, the most nginx allows for connecting; use \"75s\" or less");
        }
    }

    private void checkCors(Cors cors) {
        if (cors.origins().length == 0) {
            problems.error(service, element, Cors.class, "origins",
                    "@Cors(origins = {}) allows no origin; list origins such as \"https://app.example.com\", or \"*\"");
        }
        for (String origin : cors.origins()) {
            value(Cors.class, "origins", origin, NginxValues::checkOrigin, "@Cors(origins)");
        }
        boolean any = java.util.Arrays.asList(cors.origins()).contains("*");
        if (any && cors.credentials()) {
            problems.error(service, element, Cors.class, "credentials", "@Cors allows origin \"*\" with credentials = true,"
                    + " which browsers reject; list the allowed origins explicitly or set credentials = false");
        }
        for (String header : cors.allowHeaders()) {
            value(Cors.class, "allowHeaders", header, NginxValues::checkHeaderName, "@Cors(allowHeaders)");
        }
        for (String header : cors.exposeHeaders()) {
            value(Cors.class, "exposeHeaders", header, NginxValues::checkHeaderName, "@Cors(exposeHeaders)");
        }
        value(Cors.class, "maxAge", cors.maxAge(), NginxValues::checkDuration, "@Cors(maxAge)");
    }

    private void checkCache(Cache cache) {
        value(Cache.class, "success", cache.success(), NginxValues::checkDuration, "@Cache(success)");
        value(Cache.class, "redirect", cache.redirect(), NginxValues::checkDuration, "@Cache(redirect)");
        value(Cache.class, "notFound", cache.notFound(), NginxValues::checkDuration, "@Cache(notFound)");
        if (cache.key().length == 0) {
            problems.error(service, element, Cache.class, "key",
                    "@Cache(key = {}) has an empty cache key; list its parts, e.g. {CacheKey.METHOD, CacheKey.HOST, CacheKey.URI}");
        }
        for (String header : cache.keyHeaders()) {
            value(Cache.class, "keyHeaders", header, NginxValues::checkHeaderName, "@Cache(keyHeaders)");
        }
        for (String header : cache.bypassHeaders()) {
            value(Cache.class, "bypassHeaders", header, NginxValues::checkHeaderName, "@Cache(bypassHeaders)");
        }
        for (String param : cache.bypassQueryParams()) {
            value(Cache.class, "bypassQueryParams", param, NginxValues::checkQueryParam, "@Cache(bypassQueryParams)");
        }
    }

    private void value(Class<? extends Annotation> annotation, String attribute, String value,
                       Function<String, Optional<String>> check, String where) {
        check.apply(value).ifPresent(message ->
                problems.error(service, element, annotation, attribute, where + ": " + message));
    }
}
