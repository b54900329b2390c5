package dev.gatewaystack.gateway.plan;

import java.util.List;

/** The manifests cannot be served by one gateway; {@link #conflicts()} lists every problem with its fix. */
public class RouteConflictException extends RuntimeException {
    private final List<String> conflicts;

    public RouteConflictException(List<String> conflicts) {
        super(format(conflicts));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<String> conflicts() {
        return conflicts;
    }

    private static String format(List<String> conflicts) {
        StringBuilder b = new StringBuilder(conflicts.size() + " route conflict(s) between services:");
        for (int i = 0; i < conflicts.size(); i++) {
            b.append("\n  ").append(i + 1).append(". ").append(conflicts.get(i));
        }
        return b.toString();
    }
}
