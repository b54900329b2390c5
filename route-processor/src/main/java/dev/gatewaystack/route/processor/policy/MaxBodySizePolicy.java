package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.model.NginxValues;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

/** {@code @MaxBodySize}: request bodies above it get 413 at the gateway. */
final class MaxBodySizePolicy implements Policy<String> {
    @Override
    public Class<MaxBodySize> annotation() {
        return MaxBodySize.class;
    }

    @Override
    public String read(AnnotationValues annotation) {
        return annotation.string("value");
    }

    @Override
    public void apply(String spec, RouteSpec.Builder route) {
        route.maxBodySize(spec);
    }

    @Override
    public void check(Declared<String> declared, String service, Problems problems) {
        declared.value(problems, service, "value", declared.spec(), NginxValues::checkSize, "@MaxBodySize");
    }
}
