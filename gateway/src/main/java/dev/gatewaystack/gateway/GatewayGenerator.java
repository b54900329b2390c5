package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.diff.RouteDiffCheck;
import dev.gatewaystack.gateway.plan.RouteConflictException;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import dev.gatewaystack.gateway.run.LoopbackCheck;
import dev.gatewaystack.gateway.run.NginxBinary;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.ServiceManifest;

import java.nio.file.Path;
import java.util.List;

/**
 * Build step: reads every route manifest on the classpath, writes nginx.conf, its includes and routes.md, and
 * checks the result with {@code nginx -t} (on a loopback twin, see {@link LoopbackCheck}) when nginx is installed.
 *
 * <p>Usage: {@code GatewayGenerator [--out <dir>] [--routes-lock <file> ...] [--target compose | loopback ...]};
 * the default out dir is target/nginx. With {@code --routes-lock}, the routes are compared with that baseline
 * ({@link RouteDiffCheck}). The loopback target (options in {@link LoopbackOptions}) runs the stack on one machine.
 * Failures throw (rather than System.exit) so {@code exec:java} fails the Maven build with the message.
 */
public final class GatewayGenerator {
    private GatewayGenerator() {
    }

    public static void main(String[] args) {
        Path out = Path.of("target", "nginx");
        String targetName = "compose";
        LoopbackOptions loopback = new LoopbackOptions();
        Path lock = null;
        boolean strict = false;
        boolean update = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--target" -> targetName = value(args, ++i, "--target");
                case "--routes-lock" -> lock = Path.of(value(args, ++i, "--routes-lock"));
                case "--routes-strict" -> strict = Boolean.parseBoolean(value(args, ++i, "--routes-strict"));
                case "--routes-update" -> update = Boolean.parseBoolean(value(args, ++i, "--routes-update"));
                default -> {
                    int next = loopback.accept(args, i);
                    if (next < 0) {
                        throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: GatewayGenerator"
                                + " [--out <dir>] [--routes-lock <file> [--routes-strict true] [--routes-update true]]"
                                + " [--target compose | loopback --runtime-dir <dir> ...]");
                    }
                    i = next;
                }
            }
        }
        List<ServiceManifest> manifests = ManifestFiles.loadAll(GatewayGenerator.class.getClassLoader());
        GatewayTarget target = switch (targetName) {
            case "compose" -> GatewayTarget.compose();
            case "loopback" -> loopback.target(manifests);
            default -> throw new IllegalArgumentException("unknown target \"" + targetName
                    + "\"; known targets: compose, loopback");
        };
        RoutePlan plan = generate(manifests, target, out);
        if (lock != null) {
            RouteDiffCheck.run(plan, new RouteDiffCheck.Options(lock, strict, update, target.defaultMaxBodySize()),
                    line -> System.out.println("[gateway] " + line.replace("\n", "\n[gateway] ")));
        }
    }

    /** Plans, writes and (when nginx is installed) checks; returns the plan. */
    public static RoutePlan generate(List<ServiceManifest> manifests, GatewayTarget target, Path out) {
        RoutePlan plan;
        try {
            plan = RoutePlan.of(manifests);
        } catch (RouteConflictException e) {
            System.err.println("[gateway] " + e.getMessage());
            throw e;
        }
        Path conf = NginxConfigRenderer.write(plan, target, out);
        System.out.println("[gateway] " + manifests.size() + " service(s), " + plan.routes().size() + " route(s) -> "
                + conf.toAbsolutePath());
        var nginx = NginxBinary.find();
        if (nginx.isEmpty()) {
            System.out.println("[gateway] nginx not found, config not checked (install nginx or set NGINX_BIN)");
            return plan;
        }
        NginxBinary.Result result = LoopbackCheck.run(plan, nginx.get());
        if (!result.ok()) {
            throw new IllegalStateException("nginx -t rejected the generated config (checked on its loopback twin):\n"
                    + result.output());
        }
        System.out.println("[gateway] nginx -t ok (" + nginx.get().path() + ")");
        return plan;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
