package dev.gatewaystack.gateway.diff;

import dev.gatewaystack.gateway.plan.Sizes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The routes now against the reviewed baseline: added, removed and changed routes (with each changed field), and
 * which changes break clients: a removed route, a removed method, a public route made internal, a tighter body
 * limit. Lines read {@code + POST /api/x}, {@code - GET /api/y}, {@code ~ GET /api/z cache.success 1h → 10m}.
 */
public record RouteDiff(List<Change> changes) {
    public enum Kind { ADDED, REMOVED, CHANGED }

    /** One route's change; {@code breaking} says why it breaks clients, or is null. */
    public record Change(Kind kind, String route, List<Field> fields, String breaking) {
        public String line() {
            String sign = switch (kind) {
                case ADDED -> "+";
                case REMOVED -> "-";
                case CHANGED -> "~";
            };
            StringBuilder b = new StringBuilder(sign).append(' ').append(route);
            for (Field f : fields) {
                b.append(fields.size() > 1 ? "\n    " : " ").append(f);
            }
            if (breaking != null) {
                b.append(fields.size() > 1 ? "\n    " : "  ").append("BREAKING: ").append(breaking);
            }
            return b.toString();
        }
    }

    /** A changed field; {@code before}/{@code after} are "(none)" when absent. */
    public record Field(String name, String before, String after) {
        @Override
        public String toString() {
            return name + " " + before + " → " + after;
        }
    }

    static final String NONE = "(none)";

    public static RouteDiff between(RouteLock baseline, RouteLock now, String defaultBodySize) {
        List<Change> changes = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(baseline.routes().keySet());
        keys.addAll(now.routes().keySet());
        for (String key : keys) {
            Map<String, String> before = baseline.routes().get(key);
            Map<String, String> after = now.routes().get(key);
            if (before == null) {
                changes.add(new Change(Kind.ADDED, key, List.of(), null));
            } else if (after == null) {
                String path = key.substring(key.indexOf(' ') + 1);
                boolean pathStays = now.routes().keySet().stream().anyMatch(k -> k.endsWith(" " + path));
                changes.add(new Change(Kind.REMOVED, key, List.of(),
                        pathStays ? "method removed (the path remains with other methods)" : "route removed"));
            } else if (!before.equals(after)) {
                changes.add(changed(key, before, after, defaultBodySize));
            }
        }
        return new RouteDiff(List.copyOf(changes));
    }

    private static Change changed(String key, Map<String, String> before, Map<String, String> after,
                                  String defaultBodySize) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<Field> fields = new ArrayList<>();
        for (String n : names) {
            if (!Objects.equals(before.get(n), after.get(n))) {
                fields.add(new Field(n, before.getOrDefault(n, NONE), after.getOrDefault(n, NONE)));
            }
        }
        List<String> breaking = new ArrayList<>();
        if ("PUBLIC".equals(before.get(RouteLock.VISIBILITY)) && "INTERNAL".equals(after.get(RouteLock.VISIBILITY))) {
            breaking.add("public route made internal");
        }
        String sizeBefore = before.getOrDefault(RouteLock.MAX_BODY_SIZE, defaultBodySize);
        String sizeAfter = after.getOrDefault(RouteLock.MAX_BODY_SIZE, defaultBodySize);
        if (limit(sizeAfter) < limit(sizeBefore)) {
            breaking.add("tighter body limit " + sizeBefore + " → " + sizeAfter);
        }
        return new Change(Kind.CHANGED, key, List.copyOf(fields), breaking.isEmpty() ? null : String.join("; ", breaking));
    }

    /** Bytes a body may have; nginx's "0" means no limit. */
    private static long limit(String size) {
        long bytes = Sizes.bytes(size);
        return bytes == 0 ? Long.MAX_VALUE : bytes;
    }

    public List<Change> breaking() {
        return changes.stream().filter(c -> c.breaking() != null).toList();
    }

    /** The printed report: one line (or block) per change, or a sentence saying nothing changed. */
    public String report() {
        if (changes.isEmpty()) {
            return "no route changes against the baseline";
        }
        StringBuilder b = new StringBuilder();
        changes.forEach(c -> b.append(c.line()).append('\n'));
        long added = changes.stream().filter(c -> c.kind() == Kind.ADDED).count();
        long removed = changes.stream().filter(c -> c.kind() == Kind.REMOVED).count();
        long changed = changes.size() - added - removed;
        b.append(added).append(" added, ").append(removed).append(" removed, ").append(changed)
                .append(" changed, ").append(breaking().size()).append(" breaking");
        return b.toString();
    }
}
