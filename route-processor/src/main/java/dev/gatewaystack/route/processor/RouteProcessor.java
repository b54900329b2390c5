package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Upstream;
import dev.gatewaystack.route.processor.policy.Policies;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Route annotations to Helidon routing ({@code <Service>Routes}) and gateway manifests
 * ({@code META-INF/gateway/<service>.json}). Handler classes are collected over all rounds: routing sources are
 * written in the round that brings the handlers; the final round reports every problem and writes the manifests,
 * which aggregate all handler classes of a service.
 */
public final class RouteProcessor extends AbstractProcessor {
    /** The core annotations plus every policy of the registry. */
    private static final List<Class<? extends Annotation>> ANNOTATIONS = Stream.<Class<? extends Annotation>>concat(
            Stream.of(Upstream.class, Route.class, PathParam.class), Policies.annotations().stream()).toList();
    private static final Set<Class<? extends Annotation>> ANNOTATION_SET = Set.copyOf(ANNOTATIONS);

    /** Qualified names, not elements: elements are not meant to outlive their round. */
    private final Set<String> handlerTypes = new TreeSet<>();
    /** Services whose routing source was written, with the handler classes it was written for. */
    private final Map<String, List<String>> renderedServices = new HashMap<>();
    /** Every {@code @Upstream} declaration seen, by {@link StrayChecks#key}, to find those no route uses. */
    private final Set<String> upstreamDeclarations = new TreeSet<>();
    /** The last pass; the final round reuses it when no handler class came after it. */
    private Pass validated;
    /** Problems reported so far, by message and element, so a second pass reports only new ones. */
    private final Set<String> reported = new HashSet<>();

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
        // One scan of the round's elements for all the annotations (javac walks every tree once per scan).
        Set<? extends Element> annotated = round.getElementsAnnotatedWithAny(ANNOTATION_SET);
        boolean found = false;
        for (Element e : annotated) {
            if (e instanceof ExecutableElement method && method.getEnclosingElement() instanceof TypeElement type
                    && Mirrors.has(method, Route.class)) {
                found |= handlerTypes.add(type.getQualifiedName().toString());
            } else if ((e instanceof TypeElement || e instanceof PackageElement) && Mirrors.has(e, Upstream.class)) {
                upstreamDeclarations.add(StrayChecks.key(e));
            }
        }
        try {
            Problems strays = new Problems();
            StrayChecks.check(annotated, strays); // reported in their own round: elements are not kept across rounds
            report(strays);
            if (round.processingOver()) {
                finish();
            } else if (found) {
                renderRouting();
            }
        } catch (RuntimeException | IOException e) {
            // A bug here must not look like a user error, nor crash javac with a stack trace only.
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "route processor failed: " + e + "; please report this with the annotated sources");
        }
        return false;
    }

    /** One pass of the pipeline over every handler class seen so far. */
    private record Pass(Set<String> handlerTypes, List<HandlerModel> handlers, List<ServiceModel> services,
                        Problems problems) {
    }

    private Pass readAndValidate() {
        var elements = processingEnv.getElementUtils();
        List<TypeElement> types = handlerTypes.stream().map(elements::getTypeElement).filter(t -> t != null).toList();
        List<HandlerModel> handlers = new RouteReader(elements, processingEnv.getTypeUtils()).read(types);
        List<ServiceModel> services = RouteReader.group(handlers);
        return new Pass(Set.copyOf(handlerTypes), handlers, services,
                new RouteValidator(elements).validate(handlers, services));
    }

    /**
     * Reads and validates in the round that brings the handlers, reports the problems while their elements are
     * current, and writes each valid service's routing class (a source, so it is compiled and processed like any
     * other, and code referring to it resolves). Its routes go into resources in the final round.
     */
    private void renderRouting() throws IOException {
        validated = readAndValidate();
        report(validated.problems());
        RoutingRenderer routing = new RoutingRenderer(processingEnv.getElementUtils());
        for (ServiceModel service : validated.services()) {
            if (!validated.problems().hasErrors(service.name()) && !renderedServices.containsKey(service.name())) {
                // An external upstream gets only its manifest: nothing here serves its routes.
                if (!service.upstream().external()) {
                    routing.render(service).writeTo(processingEnv.getFiler());
                }
                renderedServices.put(service.name(), service.handlerClasses());
            }
        }
    }

    /**
     * Final round: the checks that need every round, then the manifests and routing tables of the services whose
     * routing class was written. Reads again only when handler classes came in a later round (javac's elements do
     * not outlive their round, so problems are reported from a pass of the round they belong to).
     */
    private void finish() throws IOException {
        Pass pass = validated != null && validated.handlerTypes().equals(handlerTypes) ? validated : readAndValidate();
        Problems problems = new Problems();
        if (pass != validated) {
            pass.problems().all().forEach(problems::add);
        }
        for (ServiceModel service : pass.services()) {
            List<String> rendered = renderedServices.get(service.name());
            if (rendered != null && !rendered.equals(service.handlerClasses())) {
                service.handlers().stream().filter(h -> !rendered.contains(h.qualifiedName())).forEach(h ->
                        problems.error(service.name(), h.type(), "handler class " + h.qualifiedName() + " of service \""
                                + service.name() + "\" appeared in a later processing round (generated by another "
                                + "processor?), after " + Names.routesClassName(service.name()) + " was generated; "
                                + "write the handler class by hand or move its routes to another class of the service"));
            }
        }
        Set<String> used = pass.handlers().stream().filter(h -> h.upstreamElement() != null)
                .map(h -> StrayChecks.key(h.upstreamElement())).collect(Collectors.toSet());
        // A package's routes may be in subpackages compiled separately (an IDE recompiling package-info.java alone),
        // so a package-level @Upstream is only judged in a compilation that has routes at all.
        upstreamDeclarations.stream().filter(d -> !pass.handlers().isEmpty() || !d.startsWith("package:"))
                .forEach(d -> StrayChecks.checkUpstream(processingEnv.getElementUtils(), d, used, problems));
        report(problems);
        ManifestRenderer manifests = new ManifestRenderer(processingEnv.getFiler());
        RoutingTableRenderer tables = new RoutingTableRenderer(processingEnv.getFiler(), processingEnv.getElementUtils());
        List<ServiceModel> written = new ArrayList<>();
        for (ServiceModel service : pass.services()) {
            if (!problems.hasErrors(service.name()) && !pass.problems().hasErrors(service.name())
                    && renderedServices.containsKey(service.name())) {
                List<RouteModel> ordered = RouteOrder.sort(service.routes());
                manifests.writeManifest(service, ordered);
                if (!service.upstream().external()) {
                    tables.write(service, ordered);
                }
                written.add(service);
            }
        }
        if (!written.isEmpty()) {
            manifests.writeIndex(written);
        }
    }

    private void report(Problems problems) {
        var messager = processingEnv.getMessager();
        for (Problem p : problems.all()) {
            if (!reported.add(p.message() + " @ " + p.element())) {
                continue;
            }
            messager.printMessage(Diagnostic.Kind.ERROR, p.message(), p.element(), p.mirror(), p.value());
        }
    }
}
