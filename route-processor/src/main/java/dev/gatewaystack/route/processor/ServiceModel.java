package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.model.UpstreamSpec;

import java.util.List;

/** One service of this compilation: its upstream (from its first handler) and its handler classes by name. */
record ServiceModel(String name, UpstreamSpec upstream, List<HandlerModel> handlers) {
    ServiceModel {
        handlers = List.copyOf(handlers);
    }

    List<RouteModel> routes() {
        return handlers.stream().flatMap(h -> h.routes().stream()).toList();
    }

    List<String> handlerClasses() {
        return handlers.stream().map(HandlerModel::qualifiedName).toList();
    }
}
