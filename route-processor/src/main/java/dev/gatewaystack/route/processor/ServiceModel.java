package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.model.UpstreamSpec;

import java.util.List;
import javax.lang.model.element.Element;

/** One service of this compilation: its upstream (from its first handler) and its handler classes by name. */
record ServiceModel(String name, UpstreamSpec upstream, List<HandlerModel> handlers) {
    ServiceModel {
        handlers = List.copyOf(handlers);
    }

    List<RouteModel> routes() {
        return handlers.stream().flatMap(h -> h.routes().stream()).toList();
    }

    /** The handler classes, as the originating elements of the files written for the service. */
    Element[] origins() {
        Element[] origins = new Element[handlers.size()];
        for (int i = 0; i < origins.length; i++) {
            origins[i] = handlers.get(i).type();
        }
        return origins;
    }

    List<String> handlerClasses() {
        return handlers.stream().map(HandlerModel::qualifiedName).toList();
    }
}
