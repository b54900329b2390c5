package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.processor.policy.Declared;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A route as the processor sees it: the manifest's {@link RouteSpec} plus how the generated routing calls it.
 * {@code template} is the path parsed once ({@code null} when it does not parse; {@code pathError} says why);
 * {@code explicitId} is the {@code @Route(id)} as written; {@code policies} are the declarations that apply (the
 * method's own or its class's default). {@code method} is kept for error reporting only.
 */
record RouteModel(RouteSpec spec,
                  String explicitId,
                  PathTemplate template,
                  String pathError,
                  String handlerClass,
                  String methodName,
                  List<HandlerParam> params,
                  List<Declared<?>> policies,
                  ExecutableElement method) {
    RouteModel {
        params = List.copyOf(params);
        policies = List.copyOf(policies);
    }
}
