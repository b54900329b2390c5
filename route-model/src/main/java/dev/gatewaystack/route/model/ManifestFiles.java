package dev.gatewaystack.route.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where manifests live on the classpath and how they are read and written. Each module holds
 * {@code META-INF/gateway/<service>.json} per service plus {@code META-INF/gateway/index} listing those files, so
 * readers find every service on a classpath with {@link ClassLoader#getResources(String)}.
 */
public final class ManifestFiles {
    public static final String DIRECTORY = "META-INF/gateway/";
    public static final String INDEX = DIRECTORY + "index";

    /** Readers only: writing ({@link #toJson}) never loads jackson-databind (see {@link ManifestJson}). */
    private static final class Reading {
        static final ObjectMapper JSON = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private ManifestFiles() {
    }

    public static String fileName(String service) {
        return service + ".json";
    }

    public static String toJson(ServiceManifest manifest) {
        return ManifestJson.write(manifest) + "\n";
    }

    public static ServiceManifest fromJson(InputStream in, String source) {
        try {
            ServiceManifest manifest = Reading.JSON.readValue(in, ServiceManifest.class);
            if (manifest.schemaVersion() != ServiceManifest.SCHEMA_VERSION) {
                throw new IllegalStateException("route manifest " + source + " has schema version "
                        + manifest.schemaVersion() + " but this gateway reads version " + ServiceManifest.SCHEMA_VERSION
                        + "; rebuild the service and the gateway together (./mvnw package)");
            }
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read route manifest " + source + ": " + e.getMessage(), e);
        }
    }

    /** Every service manifest on the class loader's classpath, in a stable order (by service name). */
    public static List<ServiceManifest> loadAll(ClassLoader loader) {
        List<ServiceManifest> manifests = new ArrayList<>();
        try {
            for (URL index : Collections.list(loader.getResources(INDEX))) {
                String listing;
                try (InputStream in = index.openStream()) {
                    listing = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                for (String name : listing.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                    URL file = new URL(index, name);
                    try (InputStream in = file.openStream()) {
                        manifests.add(fromJson(in, file.toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read route manifests from the classpath: " + e.getMessage(), e);
        }
        manifests.sort(java.util.Comparator.comparing(ServiceManifest::service));
        return List.copyOf(manifests);
    }
}
