package dev.gatewaystack.support.metrics;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;

import java.util.HashMap;
import java.util.Map;

/**
 * Manifest route id by (method, Helidon path matcher): the matcher of each manifest route is built the ways the
 * generated routing may build it (an exact literal path by {@code exact} or {@code create}, a template by
 * {@code create} of its Helidon pattern) and compared by Helidon's own description of it.
 */
final class RouteIds {
    private final String service;
    private final Map<String, String> ids;

    private RouteIds(String service, Map<String, String> ids) {
        this.service = service;
        this.ids = ids;
    }

    static RouteIds of(ServiceManifest manifest) {
        Map<String, String> ids = new HashMap<>();
        for (RouteSpec r : manifest.routes()) {
            PathTemplate template = PathTemplate.parse(r.path());
            for (HttpMethod m : r.effectiveMethods()) {
                if (r.match() == Match.EXACT && !template.hasParams()) {
                    ids.put(key(m.name(), PathMatchers.exact(r.path())), r.id());
                }
                ids.put(key(m.name(), PathMatchers.create(template.helidonPattern(r.match()))), r.id());
            }
        }
        return new RouteIds(manifest.service(), Map.copyOf(ids));
    }

    String of(Method method, PathMatcher matcher) {
        String id = ids.get(key(method.text(), matcher));
        if (id == null) {
            throw new IllegalStateException("the routing of " + service + " registers " + method.text() + " " + matcher
                    + ", which its route manifest does not declare; rebuild the service (./mvnw package)");
        }
        return id;
    }

    private static String key(String method, PathMatcher matcher) {
        return method + ' ' + matcher.getClass().getName() + ' ' + matcher;
    }
}
