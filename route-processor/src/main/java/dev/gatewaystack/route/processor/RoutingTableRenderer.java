package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.RoutingEntry;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/**
 * Writes a service's routing table ({@code META-INF/gateway/<service>.routing}, see {@link RoutingEntry}): one line
 * per route, most specific first, in the order the generated routing registers them.
 */
final class RoutingTableRenderer {
    private final Filer filer;
    private final Elements elements;

    RoutingTableRenderer(Filer filer, Elements elements) {
        this.filer = filer;
        this.elements = elements;
    }

    List<RoutingEntry> entries(ServiceModel service) {
        // Binary names (Outer$Inner), as the generated routing's lookup finds classes.
        Map<String, String> binaryNames = service.handlers().stream().collect(Collectors.toMap(
                HandlerModel::qualifiedName, h -> elements.getBinaryName(h.type()).toString()));
        return RouteOrder.sort(service.routes()).stream().map(r -> entry(r, binaryNames.get(r.handlerClass())))
                .toList();
    }

    void write(ServiceModel service) throws IOException {
        StringBuilder table = new StringBuilder();
        entries(service).forEach(e -> table.append(e.toLine()).append('\n'));
        Element[] origins = service.handlers().stream().map(HandlerModel::type).toArray(Element[]::new);
        ManifestRenderer.writeResource(filer, RoutingEntry.resource(service.name()), table.toString(), origins);
    }

    private static RoutingEntry entry(RouteModel r, String handlerClass) {
        // Helidon 4.1 does not answer HEAD from GET routes by itself: effectiveMethods() lists HEAD explicitly.
        List<String> methods = r.spec().effectiveMethods().stream().map(HttpMethod::name).toList();
        boolean exact = r.spec().match() == Match.EXACT && !r.template().hasParams();
        String path = exact ? r.spec().path() : r.template().helidonPattern(r.spec().match());
        List<RoutingEntry.Argument> arguments = r.params().stream().map(RoutingTableRenderer::argument).toList();
        return new RoutingEntry(r.spec().id(), methods, exact, path, handlerClass, r.methodName(), arguments);
    }

    private static RoutingEntry.Argument argument(HandlerParam p) {
        return switch (p) {
            case HandlerParam.Request req -> RoutingEntry.Argument.REQUEST;
            case HandlerParam.Response res -> RoutingEntry.Argument.RESPONSE;
            case HandlerParam.Path path -> RoutingEntry.Argument.path(path.type().kind(), path.name());
            case HandlerParam.Unbound u -> throw new IllegalStateException("unbound parameter reached rendering");
        };
    }
}
