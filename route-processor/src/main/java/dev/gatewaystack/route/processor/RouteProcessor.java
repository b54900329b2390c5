package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.Authenticated;
import dev.gatewaystack.route.Cache;
import dev.gatewaystack.route.Cors;
import dev.gatewaystack.route.EdgeAuth;
import dev.gatewaystack.route.EdgeAuthVerifier;
import dev.gatewaystack.route.Idempotent;
import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.RateLimit;
import dev.gatewaystack.route.Retry;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Streaming;
import dev.gatewaystack.route.Timeouts;
import dev.gatewaystack.route.Upstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Route annotations to Helidon routing ({@code <Service>Routes}) and gateway manifests
 * ({@code META-INF/gateway/<service>.json}). Handler classes are collected over all rounds; the final round
 * reads, validates and renders them, since a service's routing and manifest aggregate all its handler classes.
 */
public final class RouteProcessor extends AbstractProcessor {
    private static final List<Class<?>> ANNOTATIONS = List.of(Upstream.class, Route.class, PathParam.class,
            Cache.class, RateLimit.class, MaxBodySize.class, Timeouts.class, Authenticated.class, EdgeAuth.class,
            EdgeAuthVerifier.class, Cors.class, Streaming.class, Idempotent.class, Retry.class);

    /** Qualified names, not elements: elements are not meant to outlive their round. */
    private final Set<String> handlerTypes = new TreeSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return ANNOTATIONS.stream().map(Class::getCanonicalName).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element e : round.getElementsAnnotatedWith(Route.class)) {
            if (e instanceof ExecutableElement method && method.getEnclosingElement() instanceof TypeElement type) {
                handlerTypes.add(type.getQualifiedName().toString());
            }
        }
        if (round.processingOver()) {
            try {
                generate();
            } catch (RuntimeException | IOException e) {
                // A bug here must not look like a user error, nor crash javac with a stack trace only.
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                        "route processor failed: " + e + "; please report this with the annotated sources");
            }
        }
        return false;
    }

    private void generate() throws IOException {
        var elements = processingEnv.getElementUtils();
        List<TypeElement> types = handlerTypes.stream().map(elements::getTypeElement)
                .filter(t -> t != null).toList();
        List<HandlerModel> handlers = new RouteReader(elements, processingEnv.getTypeUtils()).read(types);
        List<ServiceModel> services = RouteReader.group(handlers);
        Problems problems = new RouteValidator(elements).validate(handlers, services);
        report(problems);

        RoutingRenderer routing = new RoutingRenderer(elements);
        ManifestRenderer manifests = new ManifestRenderer(processingEnv.getFiler());
        List<ServiceModel> written = new ArrayList<>();
        for (ServiceModel service : services) {
            if (problems.hasErrors(service.name())) {
                continue; // generating from invalid routes would only add follow-up errors
            }
            routing.render(service).writeTo(processingEnv.getFiler());
            manifests.writeManifest(service);
            written.add(service);
        }
        if (!written.isEmpty()) {
            manifests.writeIndex(written);
        }
    }

    private void report(Problems problems) {
        var messager = processingEnv.getMessager();
        for (Problem p : problems.all()) {
            messager.printMessage(Diagnostic.Kind.ERROR, p.message(), p.element(), p.mirror(), p.value());
        }
    }
}
