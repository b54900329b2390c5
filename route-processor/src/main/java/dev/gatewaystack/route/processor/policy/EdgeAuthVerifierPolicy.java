package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.EdgeAuthVerifier;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Visibility;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

/** {@code @EdgeAuthVerifier}: the internal route the gateway's {@code auth_request} calls. */
final class EdgeAuthVerifierPolicy implements Policy<Boolean> {
    @Override
    public Class<EdgeAuthVerifier> annotation() {
        return EdgeAuthVerifier.class;
    }

    @Override
    public Boolean read(AnnotationValues annotation) {
        return Boolean.TRUE;
    }

    @Override
    public void apply(Boolean spec, RouteSpec.Builder route) {
        route.edgeAuthVerifier(spec);
    }

    @Override
    public void checkRoute(Declared<Boolean> declared, RouteContext route, Problems problems) {
        if (route.external()) {
            declared.error(problems, route.service(), null, "the @EdgeAuthVerifier must be served by a service built "
                    + "here, not by external service \"" + route.service() + "\"; move it to that service");
        }
        if (route.route().visibility() != Visibility.INTERNAL || !route.route().methods().contains(HttpMethod.GET)) {
            declared.error(problems, route.service(), null, "the @EdgeAuthVerifier route must be internal and accept "
                    + "GET, because the gateway calls it with GET on the internal network; declare it with "
                    + "@Route(..., methods = HttpMethod.GET, visibility = Visibility.INTERNAL)");
        }
    }
}
