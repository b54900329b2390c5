package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.RoutingEntry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** {@code ordered}: the service's routes, most specific first ({@link RouteOrder}). */
    List<RoutingEntry> entries(ServiceModel service, List<RouteModel> ordered) {
        // Binary names (Outer$Inner), as the generated routing's lookup finds classes.
        Map<String, String> binaryNames = new HashMap<>();
        for (HandlerModel h : service.handlers()) {
            binaryNames.put(h.qualifiedName(), elements.getBinaryName(h.type()).toString());
        }
        List<RoutingEntry> entries = new ArrayList<>(ordered.size());
        for (RouteModel r : ordered) {
            entries.add(entry(r, binaryNames.get(r.handlerClass())));
        }
        return entries;
    }

    void write(ServiceModel service, List<RouteModel> ordered) throws IOException {
        StringBuilder table = new StringBuilder();
        for (RoutingEntry e : entries(service, ordered)) {
            table.append(e.toLine()).append('\n');
        }
        ManifestRenderer.writeResource(filer, RoutingEntry.resource(service.name()), table.toString(),
                service.origins());
    }

    private static RoutingEntry entry(RouteModel r, String handlerClass) {
        // Helidon 4.1 does not answer HEAD from GET routes by itself: effectiveMethods() lists HEAD explicitly.
        List<String> methods = new ArrayList<>(); // loops, not streams: this runs per route inside javac
        for (HttpMethod m : r.spec().effectiveMethods()) {
            methods.add(m.name());
        }
        boolean exact = r.spec().match() == Match.EXACT && !r.template().hasParams();
        String path = exact ? r.spec().path() : r.template().helidonPattern(r.spec().match());
        List<RoutingEntry.Argument> arguments = new ArrayList<>(r.params().size());
        for (HandlerParam p : r.params()) {
            arguments.add(argument(p));
        }
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
