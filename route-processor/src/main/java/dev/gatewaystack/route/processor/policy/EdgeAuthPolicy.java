package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.EdgeAuth;
import dev.gatewaystack.route.model.EdgeAuthSpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.AnnotationValues;

/** {@code @EdgeAuth(role)}: the gateway authenticates the caller before proxying. */
final class EdgeAuthPolicy implements Policy<EdgeAuthSpec> {
    @Override
    public Class<EdgeAuth> annotation() {
        return EdgeAuth.class;
    }

    @Override
    public EdgeAuthSpec read(AnnotationValues annotation) {
        return new EdgeAuthSpec(annotation.string("role"));
    }

    @Override
    public void apply(EdgeAuthSpec spec, RouteSpec.Builder route) {
        route.edgeAuth(spec);
    }
}
