package dev.gatewaystack.gateway.diff;

import dev.gatewaystack.gateway.plan.RoutePlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The build step around {@link RouteDiff}: compares the plan with the committed baseline, prints the changes,
 * fails in strict mode when one breaks clients, and rewrites the baseline only when asked to.
 */
public final class RouteDiffCheck {
    /** The command that accepts the current routes as the new baseline (README: "The route diff"). */
    public static final String UPDATE_COMMAND =
            "./mvnw -B -q package -pl gateway -am -DskipTests -Dgateway.routes.update=true";

    /** @param strict fail on a breaking change; @param update write the current routes as the baseline */
    public record Options(Path lockFile, boolean strict, boolean update, String defaultBodySize) {
    }

    private RouteDiffCheck() {
    }

    /** Runs the check, printing through {@code out}; returns the diff (empty after an update). */
    public static RouteDiff run(RoutePlan plan, Options options, Consumer<String> out) {
        RouteLock now = RouteLock.of(plan);
        Path file = options.lockFile();
        if (options.update()) {
            write(file, now.toJson());
            out.accept("route baseline written: " + file + " (" + now.routes().size() + " routes); commit it");
            return new RouteDiff(java.util.List.of());
        }
        if (!Files.exists(file)) {
            out.accept("no route baseline at " + file + "; create it with: " + UPDATE_COMMAND);
            return new RouteDiff(java.util.List.of());
        }
        RouteLock baseline;
        try {
            baseline = RouteLock.fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        RouteDiff diff = RouteDiff.between(baseline, now, options.defaultBodySize());
        out.accept("route diff against " + file + ":\n" + diff.report());
        if (options.strict() && !diff.breaking().isEmpty()) {
            throw new IllegalStateException(diff.breaking().size() + " breaking route change(s) against " + file
                    + " (strict mode, -Dgateway.routes.strict=true):\n" + String.join("\n",
                    diff.breaking().stream().map(RouteDiff.Change::line).toList())
                    + "\nIf they are intended, accept them as the new baseline and commit it: " + UPDATE_COMMAND);
        }
        return diff;
    }

    private static void write(Path file, String content) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
