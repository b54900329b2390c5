package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.Authenticated;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.AnnotationValues;

/** {@code @Authenticated}: responses differ per caller (checked by {@link CachePolicy}). */
final class AuthenticatedPolicy implements Policy<Boolean> {
    @Override
    public Class<Authenticated> annotation() {
        return Authenticated.class;
    }

    @Override
    public Boolean read(AnnotationValues annotation) {
        return Boolean.TRUE;
    }

    @Override
    public void apply(Boolean spec, RouteSpec.Builder route) {
        route.authenticated(spec);
    }
}
