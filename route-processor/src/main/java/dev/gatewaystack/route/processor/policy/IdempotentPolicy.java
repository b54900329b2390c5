package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.Idempotent;
import dev.gatewaystack.route.model.RouteSpec;

import javax.lang.model.element.Element;

/** {@code @Idempotent}: safe to run twice, so the gateway may retry it (GET, HEAD and OPTIONS are anyway). */
final class IdempotentPolicy implements Policy<Boolean> {
    @Override
    public Class<Idempotent> annotation() {
        return Idempotent.class;
    }

    @Override
    public Boolean read(Element element) {
        return Boolean.TRUE;
    }

    @Override
    public void apply(Boolean spec, RouteSpec.Builder route) {
        route.idempotent(spec);
    }
}
