package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.Slo;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.SloSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

/** {@code @Slo}: availability and latency objectives, measured at the gateway (Prometheus rules per route id). */
final class SloPolicy implements Policy<SloSpec> {
    @Override
    public Class<Slo> annotation() {
        return Slo.class;
    }

    @Override
    public SloSpec read(AnnotationValues slo) {
        return new SloSpec(slo.string("availability"), slo.string("latency"), slo.integer("percentile"));
    }

    @Override
    public void apply(SloSpec spec, RouteSpec.Builder route) {
        route.slo(spec);
    }

    @Override
    public void check(Declared<SloSpec> declared, String service, Problems problems) {
        SloSpec s = declared.spec();
        declared.value(problems, service, "availability", s.availability(), SloSpec::checkAvailability,
                "@Slo(availability)");
        declared.value(problems, service, "latency", s.latency(), SloSpec::checkLatency, "@Slo(latency)");
        SloSpec.checkPercentile(s.percentile())
                .ifPresent(m -> declared.error(problems, service, "percentile", "@Slo(percentile): " + m));
    }

    @Override
    public void checkRoute(Declared<SloSpec> declared, RouteContext context, Problems problems) {
        if (!context.route().isPublic()) {
            declared.error(problems, context.service(), null, "@Slo on an INTERNAL route: the gateway never routes it,"
                    + " so nothing measures it; remove @Slo or make the route PUBLIC");
        }
    }
}
