package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.EdgeAuth;
import dev.gatewaystack.route.model.EdgeAuthSpec;
import dev.gatewaystack.route.model.RouteSpec;

import javax.lang.model.element.Element;

/** {@code @EdgeAuth(role)}: the gateway authenticates the caller before proxying. */
final class EdgeAuthPolicy implements Policy<EdgeAuthSpec> {
    @Override
    public Class<EdgeAuth> annotation() {
        return EdgeAuth.class;
    }

    @Override
    public EdgeAuthSpec read(Element element) {
        return new EdgeAuthSpec(element.getAnnotation(EdgeAuth.class).role());
    }

    @Override
    public void apply(EdgeAuthSpec spec, RouteSpec.Builder route) {
        route.edgeAuth(spec);
    }
}
