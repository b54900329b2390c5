package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.Discovery;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.RateLimitKey;
import dev.gatewaystack.route.StreamingMode;
import dev.gatewaystack.route.model.CacheSpec;
import dev.gatewaystack.route.model.CorsSpec;
import dev.gatewaystack.route.model.EdgeAuthSpec;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.RateLimitSpec;
import dev.gatewaystack.route.model.RetrySpec;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.StreamingSpec;
import dev.gatewaystack.route.model.TimeoutSpec;
import dev.gatewaystack.route.model.UpstreamSpec;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/** Writes {@code META-INF/gateway/<service>.json} per service and the {@code META-INF/gateway/index} listing them. */
final class ManifestRenderer {
    private final Filer filer;

    ManifestRenderer(Filer filer) {
        this.filer = filer;
    }

    /**
     * Serializes a sample manifest on a daemon thread, so Jackson's one-time start-up (class loading and record
     * introspection, about 0.25 s) overlaps with javac's work on the first rounds instead of adding to the last.
     */
    static void warmUpInBackground() {
        Thread warmUp = new Thread(() -> {
            try {
                writeSample();
            } catch (Throwable e) {
                // Best effort: a compilation that ends first may close the processor's class loader under it.
            }
        }, "route-processor-json-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static void writeSample() {
        ManifestFiles.toJson(ServiceManifest.of("warm-up",
                new UpstreamSpec(8080, Balancing.ROUND_ROBIN, HashKey.CLIENT_IP, 0, 0, "10s", Discovery.DNS),
                List.of(RouteSpec.builder("warm-up.r", "W#r", "/r").methods(List.of(HttpMethod.GET))
                        .cache(new CacheSpec("1m", "0s", "0s", List.of(), List.of(), true, true, List.of(), List.of()))
                        .rateLimit(new RateLimitSpec("1r/s", 0, RateLimitKey.CLIENT_IP, true))
                        .timeouts(new TimeoutSpec("1s", null, null)).edgeAuth(new EdgeAuthSpec(""))
                        .cors(new CorsSpec(List.of("*"), List.of(), List.of(), false, "1m"))
                        .streaming(new StreamingSpec(StreamingMode.SSE, "1h")).retry(RetrySpec.defaults())
                        .build())));
    }

    static ServiceManifest manifest(ServiceModel service) {
        List<RouteSpec> routes = RouteOrder.sort(service.routes()).stream().map(RouteModel::spec).toList();
        return ServiceManifest.of(service.name(), service.upstream(), routes);
    }

    void writeManifest(ServiceModel service) throws IOException {
        Element[] origins = service.handlers().stream().map(HandlerModel::type).toArray(Element[]::new);
        write(ManifestFiles.DIRECTORY + ManifestFiles.fileName(service.name()),
                ManifestFiles.toJson(manifest(service)), origins);
    }

    /** Called once per compilation with the services whose manifests were written. */
    void writeIndex(List<ServiceModel> services) throws IOException {
        StringBuilder index = new StringBuilder();
        services.forEach(s -> index.append(ManifestFiles.fileName(s.name())).append('\n'));
        Element[] origins = services.stream().flatMap(s -> s.handlers().stream()).map(HandlerModel::type)
                .toArray(Element[]::new);
        write(ManifestFiles.INDEX, index.toString(), origins);
    }

    private void write(String path, String content, Element[] origins) throws IOException {
        writeResource(filer, path, content, origins);
    }

    /** A class-output resource (resources, unlike sources, cost javac no further processing round). */
    static void writeResource(Filer filer, String path, String content, Element[] origins) throws IOException {
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origins);
        try (Writer w = file.openWriter()) {
            w.write(content);
        }
    }
}
