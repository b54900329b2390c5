package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.Upstream;
import dev.gatewaystack.route.model.NginxValues;
import dev.gatewaystack.route.model.UpstreamSpec;

import java.util.regex.Pattern;
import javax.lang.model.element.Element;

/** Sanity of one {@code @Upstream} declaration (on a class or package). */
final class UpstreamChecks {
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private UpstreamChecks() {
    }

    /** {@code u} as read by {@link RouteReader#upstreamSpec}; {@code service} is its service name. */
    static void check(Problems problems, String service, UpstreamSpec u, Element declaredOn) {
        if (!SERVICE_NAME.matcher(service).matches()) {
            problems.error(service, declaredOn, Upstream.class, "service", "@Upstream(service = \"" + service
                    + "\") is not a Compose service name; use lower-case letters, digits and '-', starting with a "
                    + "letter or digit, e.g. \"api-service\"");
        }
        if (u.port() < 1 || u.port() > 65535) {
            problems.error(service, declaredOn, Upstream.class, "port",
                    "@Upstream(port = " + u.port() + ") is not a TCP port; use 1 to 65535, e.g. 8080");
        }
        if (u.keepalive() < 0) {
            problems.error(service, declaredOn, Upstream.class, "keepalive",
                    "@Upstream(keepalive = " + u.keepalive() + ") is negative; use 0 to disable keepalive or a positive count");
        }
        if (u.maxFails() < 0) {
            problems.error(service, declaredOn, Upstream.class, "maxFails",
                    "@Upstream(maxFails = " + u.maxFails() + ") is negative; use 0 to disable passive health checks or a positive count");
        }
        NginxValues.checkDuration(u.failTimeout()).ifPresent(m ->
                problems.error(service, declaredOn, Upstream.class, "failTimeout", "@Upstream(failTimeout): " + m));
    }
}
