package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.Cors;
import dev.gatewaystack.route.model.CorsSpec;
import dev.gatewaystack.route.model.NginxValues;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

/** {@code @Cors}: cross-origin policy, preflights answered at the gateway. */
final class CorsPolicy implements Policy<CorsSpec> {
    @Override
    public Class<Cors> annotation() {
        return Cors.class;
    }

    @Override
    public CorsSpec read(AnnotationValues c) {
        return new CorsSpec(c.strings("origins"), c.strings("allowHeaders"), c.strings("exposeHeaders"),
                c.bool("credentials"), c.string("maxAge"));
    }

    @Override
    public void apply(CorsSpec spec, RouteSpec.Builder route) {
        route.cors(spec);
    }

    @Override
    public void check(Declared<CorsSpec> declared, String service, Problems problems) {
        CorsSpec c = declared.spec();
        if (c.origins().isEmpty()) {
            declared.error(problems, service, "origins", "@Cors(origins = {}) allows no origin; list origins such as "
                    + "\"https://app.example.com\", or \"*\"");
        }
        for (String origin : c.origins()) {
            declared.value(problems, service, "origins", origin, NginxValues::checkOrigin, "@Cors(origins)");
        }
        if (c.anyOrigin() && c.credentials()) {
            declared.error(problems, service, "credentials", "@Cors allows origin \"*\" with credentials = true,"
                    + " which browsers reject; list the allowed origins explicitly or set credentials = false");
        }
        for (String header : c.allowHeaders()) {
            declared.value(problems, service, "allowHeaders", header, NginxValues::checkHeaderName,
                    "@Cors(allowHeaders)");
        }
        for (String header : c.exposeHeaders()) {
            declared.value(problems, service, "exposeHeaders", header, NginxValues::checkHeaderName,
                    "@Cors(exposeHeaders)");
        }
        declared.value(problems, service, "maxAge", c.maxAge(), NginxValues::checkDuration, "@Cors(maxAge)");
    }
}
