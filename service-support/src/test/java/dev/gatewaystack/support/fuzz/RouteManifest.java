package dev.gatewaystack.support.fuzz;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The routes of a service as the route processor wrote them to {@code META-INF/gateway/<service>.json}. */
public record RouteManifest(String service, List<Route> routes) {

    /** One route: its id, path template ({@code {name}} or {@code {name:regex}} segments) and methods. */
    public record Route(String id, String path, boolean prefix, List<String> methods, boolean internal,
                        long maxBodyBytes) {
    }

    /** The same manifest with only the routes {@code keep} accepts. */
    public RouteManifest only(java.util.function.Predicate<Route> keep) {
        return new RouteManifest(service, routes.stream().filter(keep).toList());
    }

    /** The manifest of {@code service} on the class path (the service's own, in its tests). */
    public static RouteManifest onClassPath(String service) {
        String resource = "META-INF/gateway/" + service + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path; build the service first");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RouteManifest of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RouteManifest read(InputStream in) {
        try (JsonReader reader = Json.createReader(in)) {
            JsonObject m = reader.readObject();
            List<Route> routes = m.getJsonArray("routes").getValuesAs(JsonObject.class).stream()
                    .map(r -> new Route(r.getString("id"), r.getString("path"), "PREFIX".equals(r.getString("match")),
                            r.getJsonArray("methods").getValuesAs(JsonString.class).stream()
                                    .map(JsonString::getString).toList(),
                            "INTERNAL".equals(r.getString("visibility")),
                            r.containsKey("maxBodySize") ? bytes(r.getString("maxBodySize")) : 16 * 1024))
                    .toList();
            return new RouteManifest(m.getString("service"), routes);
        }
    }

    /** An nginx size ({@code 16k}, {@code 1m}, {@code 512}) in bytes. */
    static long bytes(String size) {
        String s = size.toLowerCase(Locale.ROOT);
        long unit = s.endsWith("k") ? 1024 : s.endsWith("m") ? 1024 * 1024 : s.endsWith("g") ? 1024L * 1024 * 1024 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }
}
