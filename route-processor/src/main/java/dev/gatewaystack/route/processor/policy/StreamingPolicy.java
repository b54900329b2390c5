package dev.gatewaystack.route.processor.policy;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Streaming;
import dev.gatewaystack.route.StreamingMode;
import dev.gatewaystack.route.model.NginxValues;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.StreamingSpec;
import dev.gatewaystack.route.processor.AnnotationValues;
import dev.gatewaystack.route.processor.Problems;

import java.util.List;

/** {@code @Streaming(SSE / WEBSOCKET)}: unbuffered, long idle timeout, upgrade headers. */
final class StreamingPolicy implements Policy<StreamingSpec> {
    @Override
    public Class<Streaming> annotation() {
        return Streaming.class;
    }

    @Override
    public StreamingSpec read(AnnotationValues s) {
        return new StreamingSpec(s.enumValue("value", StreamingMode.class), s.string("idleTimeout"));
    }

    @Override
    public void apply(StreamingSpec spec, RouteSpec.Builder route) {
        route.streaming(spec);
    }

    @Override
    public void check(Declared<StreamingSpec> declared, String service, Problems problems) {
        declared.value(problems, service, "idleTimeout", declared.spec().idleTimeout(), NginxValues::checkDuration,
                "@Streaming(idleTimeout)");
    }

    @Override
    public void checkRoute(Declared<StreamingSpec> declared, RouteContext route, Problems problems) {
        String service = route.service();
        if (!route.route().methods().equals(List.of(HttpMethod.GET))) {
            declared.error(problems, service, null, "@Streaming on a route accepting " + route.route().methods()
                    + "; streams are opened with GET: use methods = HttpMethod.GET");
        }
        // An external service answers the upgrade itself; only the generated Helidon routing cannot.
        if (declared.spec().mode() == StreamingMode.WEBSOCKET && !route.external()) {
            declared.error(problems, service, "value", "@Streaming(StreamingMode.WEBSOCKET) cannot be served by the "
                    + "generated Helidon routing in this build: helidon-webserver-websocket 4.1.7 is not available, so "
                    + "the upgrade would never be answered; use StreamingMode.SSE or serve the WebSocket outside @Route");
        }
        if (route.route().cache() != null) {
            declared.error(problems, service, null,
                    "@Streaming together with @Cache: a stream cannot be cached; remove @Cache");
        }
    }
}
