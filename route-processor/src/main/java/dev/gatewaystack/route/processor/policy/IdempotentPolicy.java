package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.Idempotent;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.AnnotationValues;

/** {@code @Idempotent}: safe to run twice, so the gateway may retry it (GET, HEAD and OPTIONS are anyway). */
final class IdempotentPolicy implements Policy<Boolean> {
    @Override
    public Class<Idempotent> annotation() {
        return Idempotent.class;
    }

    @Override
    public Boolean read(AnnotationValues annotation) {
        return Boolean.TRUE;
    }

    @Override
    public void apply(Boolean spec, RouteSpec.Builder route) {
        route.idempotent(spec);
    }
}
