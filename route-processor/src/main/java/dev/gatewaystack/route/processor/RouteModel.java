package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.model.RouteSpec;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A route as the processor sees it: the manifest's {@link RouteSpec} plus how the generated routing calls it.
 * {@code method} is kept for error reporting only.
 */
record RouteModel(RouteSpec spec,
                  String handlerClass,
                  String methodName,
                  List<HandlerParam> params,
                  ExecutableElement method) {
    RouteModel {
        params = List.copyOf(params);
    }
}
