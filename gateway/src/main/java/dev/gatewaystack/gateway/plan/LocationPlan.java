package dev.gatewaystack.gateway.plan;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.CorsSpec;
import dev.gatewaystack.route.model.PathTemplate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One nginx path location: a distinct (template shape, match), the routes declared with it ({@code own}) and which
 * route answers each method (own routes first, else the most specific covering route, see {@link RoutePlan}).
 *
 * @param index position in the rendered order, used to name per-location helpers
 */
public record LocationPlan(int index, PathTemplate template, Match match, List<PlannedRoute> own,
                          List<Dispatch> dispatches) {
    public LocationPlan {
        own = List.copyOf(own);
        dispatches = List.copyOf(dispatches);
    }

    /** Literal exact paths become {@code location = /path}; everything else a regex location. */
    public boolean isLiteralExact() {
        return match == Match.EXACT && !template.hasParams();
    }

    /** The nginx location modifier: {@code =} for a literal exact path, else {@code ~} (a regex). */
    public String modifier() {
        return isLiteralExact() ? "=" : "~";
    }

    /** What the location matches, unquoted: the literal path or the anchored regex (the writer quotes it). */
    public String pattern() {
        return isLiteralExact() ? template.path() : template.nginxRegex(match);
    }

    public List<Dispatch> publicDispatches() {
        return dispatches.stream().filter(d -> d.target().isPublic()).toList();
    }

    /**
     * The body limit checked here, before dispatch: the largest of the public targets' limits ("0", no limit,
     * wins), so that each route location can apply its own.
     */
    public String largestBodySize(String defaultSize) {
        String largest = null;
        long largestBytes = -1;
        for (Dispatch d : publicDispatches()) {
            String size = d.target().bodySize(defaultSize);
            long bytes = Sizes.bytes(size);
            if (bytes == 0) {
                return "0";
            }
            if (bytes > largestBytes) {
                largest = size;
                largestBytes = bytes;
            }
        }
        return largest;
    }

    /** Methods that reach a public route here, in enum order. */
    public List<HttpMethod> publicMethods() {
        Set<HttpMethod> set = new java.util.TreeSet<>();
        publicDispatches().forEach(d -> set.addAll(d.methods()));
        return List.copyOf(set);
    }

    /**
     * The CORS policy answered for preflights here: the union of the public targets' policies (origins, headers),
     * or empty when none of them has CORS. Only when no route claims OPTIONS itself.
     */
    public Optional<CorsSpec> preflightCors() {
        if (publicMethods().contains(HttpMethod.OPTIONS)) {
            return Optional.empty();
        }
        List<CorsSpec> specs = publicDispatches().stream().map(d -> d.target().spec().cors())
                .filter(java.util.Objects::nonNull).distinct().toList();
        if (specs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(merge(specs));
    }

    static CorsSpec merge(List<CorsSpec> specs) {
        if (specs.size() == 1) {
            return specs.get(0);
        }
        Set<String> origins = new LinkedHashSet<>();
        Set<String> allow = new LinkedHashSet<>();
        Set<String> expose = new LinkedHashSet<>();
        boolean credentials = false;
        for (CorsSpec s : specs) {
            origins.addAll(s.origins());
            allow.addAll(s.allowHeaders());
            expose.addAll(s.exposeHeaders());
            credentials |= s.credentials();
        }
        List<String> o = origins.contains("*") ? List.of("*") : new ArrayList<>(origins);
        return new CorsSpec(o, new ArrayList<>(allow), new ArrayList<>(expose), credentials, specs.get(0).maxAge());
    }

    /** Methods named in the 405's {@code Allow}: the public ones, plus OPTIONS when the gateway answers preflights. */
    public List<HttpMethod> allowedMethods() {
        Set<HttpMethod> set = new java.util.TreeSet<>(publicMethods());
        if (preflightCors().isPresent()) {
            set.add(HttpMethod.OPTIONS);
        }
        return List.copyOf(set);
    }
}
