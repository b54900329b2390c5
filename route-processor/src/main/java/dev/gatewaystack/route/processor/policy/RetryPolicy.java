package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.Retry;
import dev.gatewaystack.route.RetryOn;
import dev.gatewaystack.route.model.NginxValues;
import dev.gatewaystack.route.model.RetrySpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

/** {@code @Retry}: retry an idempotent route on another replica; idempotent routes without it get the defaults. */
final class RetryPolicy implements Policy<RetrySpec> {
    @Override
    public Class<Retry> annotation() {
        return Retry.class;
    }

    @Override
    public RetrySpec read(AnnotationValues r) {
        return new RetrySpec(r.integer("attempts"), r.enums("on", RetryOn.class),
                TimeoutsPolicy.emptyToNull(r.string("within")));
    }

    @Override
    public void apply(RetrySpec spec, RouteSpec.Builder route) {
        route.retry(spec);
    }

    @Override
    public void absent(RouteSpec.Builder route) {
        if (route.idempotent()) {
            route.retry(RetrySpec.defaults());
        }
    }

    @Override
    public void check(Declared<RetrySpec> declared, String service, Problems problems) {
        RetrySpec r = declared.spec();
        if (r.within() != null) {
            declared.value(problems, service, "within", r.within(), NginxValues::checkDuration, "@Retry(within)");
        }
        if (r.attempts() < 2 && r.attempts() != dev.gatewaystack.route.Retry.EVERY_SERVER) {
            declared.error(problems, service, "attempts", "@Retry(attempts = " + r.attempts() + ") counts the first "
                    + "attempt, so it never retries; use 2 or more, Retry.EVERY_SERVER, or remove @Retry");
        }
    }

    @Override
    public void checkRoute(Declared<RetrySpec> declared, RouteContext route, Problems problems) {
        if (!route.route().idempotent()) {
            declared.error(problems, route.service(), null, "@Retry on a route accepting " + route.route().methods()
                    + ", which is not idempotent, so a retry could run it twice; add @Idempotent if running it twice "
                    + "is safe, or remove @Retry");
        }
    }
}
