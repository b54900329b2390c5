package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
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

    /** {@code ordered}: the service's routes, most specific first ({@link RouteOrder}). */
    static ServiceManifest manifest(ServiceModel service, List<RouteModel> ordered) {
        List<RouteSpec> routes = new ArrayList<>(ordered.size());
        for (RouteModel r : ordered) {
            routes.add(r.spec());
        }
        return ServiceManifest.of(service.name(), service.upstream(), routes);
    }

    void writeManifest(ServiceModel service, List<RouteModel> ordered) throws IOException {
        write(ManifestFiles.DIRECTORY + ManifestFiles.fileName(service.name()),
                ManifestFiles.toJson(manifest(service, ordered)), service.origins());
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
