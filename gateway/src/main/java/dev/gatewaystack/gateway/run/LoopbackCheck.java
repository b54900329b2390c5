package dev.gatewaystack.gateway.run;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs {@code nginx -t} on a loopback twin of a plan: the Compose target's config (discovered upstreams with their
 * placeholder includes, external services resolved per request) with its listeners on loopback and its runtime
 * files, logs and a throwaway certificate in a temp directory; everything else (upstreams, locations, maps,
 * policies) is rendered by the same code as the real config.
 */
public final class LoopbackCheck {
    private LoopbackCheck() {
    }

    /** Renders the twin into a temp dir, runs nginx -t and deletes the dir again. */
    public static NginxBinary.Result run(RoutePlan plan, NginxBinary nginx) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gateway-nginx-check");
            GatewayTarget twin = twin(plan, dir);
            Path conf = NginxConfigRenderer.write(plan, twin, dir.resolve("conf"));
            return nginx.test(dir, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the nginx -t check: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    /** The loopback twin target in {@code dir}: cert in certs/, static root html/, cache dir created. */
    public static GatewayTarget twin(RoutePlan plan, Path dir) throws IOException {
        DevCertificate cert = DevCertificate.create("localhost", dir.resolve("certs"));
        Files.createDirectories(dir.resolve("html"));
        // The status server and the log include of the Compose target are checked too, on loopback / in dir.
        return GatewayTarget.loopback(dir, cert.certificate(), cert.privateKey(), 18443, 18080, plan.services())
                .withDiscoveredServers()
                .withStatusListen("127.0.0.1:18081")
                .withLogIncludes(dir.resolve("logging") + "/*.conf");
    }

    public static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temp dir is harmless
        }
    }
}
