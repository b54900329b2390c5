package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.kubernetes.KubernetesStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point of rendering: a plan and a deployment become the files of every {@link RenderTarget}. */
public final class NginxConfigRenderer {
    public static final String NGINX_CONF = "nginx.conf";
    public static final String ROUTES_MD = "routes.md";

    private NginxConfigRenderer() {
    }

    /** File name → content; every file belongs in the same directory. */
    public static Map<String, String> render(RoutePlan plan, GatewayTarget target) {
        Map<String, String> files = new LinkedHashMap<>();
        for (RenderTarget t : targets(target)) {
            t.render(plan, (name, content) -> {
                if (files.put(name, content) != null) {
                    throw new IllegalStateException("two render targets write " + name);
                }
            });
        }
        return files;
    }

    /** Renders and writes the files into {@code dir} (created if needed); returns the nginx.conf path. */
    public static Path write(RoutePlan plan, GatewayTarget target, Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : render(plan, target).entrySet()) {
                Path file = dir.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the gateway config to " + dir + ": " + e.getMessage(), e);
        }
        return dir.resolve(NGINX_CONF);
    }

    /** The nginx.conf text alone. */
    public static String nginxConf(RoutePlan plan, GatewayTarget target) {
        return NginxTarget.nginxConf(plan, target);
    }

    /** Every output for a deployment, in the order they are written. */
    public static List<RenderTarget> targets(GatewayTarget target) {
        return List.of(new NginxTarget(target), new RouteTableRenderer(target), new OpenApiTarget(target),
                new KubernetesTarget(GatewayTarget.compose(), KubernetesStack.project()), new MtailTarget(),
                new SloRulesTarget());
    }
}
