package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.RateLimit;
import dev.gatewaystack.route.RateLimitKey;
import dev.gatewaystack.route.model.NginxValues;
import dev.gatewaystack.route.model.RateLimitSpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

/** {@code @RateLimit}: requests per second or minute, with a burst, per client IP, user or globally. */
final class RateLimitPolicy implements Policy<RateLimitSpec> {
    @Override
    public Class<RateLimit> annotation() {
        return RateLimit.class;
    }

    @Override
    public RateLimitSpec read(AnnotationValues r) {
        return new RateLimitSpec(r.string("rate"), r.integer("burst"), r.enumValue("key", RateLimitKey.class),
                r.bool("nodelay"));
    }

    @Override
    public void apply(RateLimitSpec spec, RouteSpec.Builder route) {
        route.rateLimit(spec);
    }

    @Override
    public void check(Declared<RateLimitSpec> declared, String service, Problems problems) {
        RateLimitSpec r = declared.spec();
        declared.value(problems, service, "rate", r.rate(), NginxValues::checkRate, "@RateLimit(rate)");
        if (r.burst() < 0) {
            declared.error(problems, service, "burst",
                    "@RateLimit(burst = " + r.burst() + ") is negative; use 0 or more");
        }
    }

    @Override
    public void checkRoute(Declared<RateLimitSpec> declared, RouteContext route, Problems problems) {
        if (declared.spec().key() == RateLimitKey.USER && route.route().edgeAuth() == null) {
            declared.error(problems, route.service(), "key", "@RateLimit(key = RateLimitKey.USER) needs the user id "
                    + "from @EdgeAuth; add @EdgeAuth to the route or its class, or use RateLimitKey.CLIENT_IP");
        }
    }
}
