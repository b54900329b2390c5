package dev.gatewaystack.gateway;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.model.NginxValues;

import dev.gatewaystack.gateway.NginxWriter.Condition;

import java.util.List;

/**
 * Path locations: they only dispatch. Each method is rewritten to its route's internal location (the only safe
 * uses of {@code if} are return and rewrite-last); methods of internal routes get 404; the rest 405 with Allow.
 */
final class PathLocationRenderer {
    private PathLocationRenderer() {
    }

    static void render(NginxWriter c, LocationPlan l, GatewayTarget target) {
        c.comment(l.template().path() + " (" + l.match() + "): " + String.join(", ",
                l.own().stream().map(r -> r.id() + " [" + r.service() + "]").toList()));
        if (l.isLiteralExact()) {
            c.block("location", "=", l.template().path());
        } else {
            c.block("location", "~", NginxWriter.quoted(l.template().nginxRegex(l.match())));
        }
        if (l.publicDispatches().isEmpty()) {
            c.comment("internal routes only: never reachable through the gateway");
            c.directive("return", "404");
            c.end();
            return;
        }
        // The body limit is checked here before dispatch too, so allow the largest of the targets' limits.
        c.directive("client_max_body_size", largestBodySize(l, target));
        c.directive("set", Names.ALLOW, NginxWriter.quoted(methodList(l.allowedMethods())));
        l.preflightCors().ifPresent(cors ->
                c.ifThen(Condition.equal("$request_method", "OPTIONS"), "rewrite", "^", Names.preflightUri(l), "last"));
        for (Dispatch d : l.dispatches()) {
            if (d.target().isPublic()) {
                c.ifThen(methodCondition(d), "rewrite", "^", d.target().internalUri(), "last");
            } else {
                c.ifThen(methodCondition(d), "return", "404");
            }
        }
        c.directive("return", "405");
        c.end();
    }

    /** {@code $request_method = GET}, or {@code $request_method ~ ^(GET|HEAD)$} for several methods. */
    static Condition methodCondition(Dispatch d) {
        List<HttpMethod> methods = d.methods();
        if (methods.size() == 1) {
            return Condition.equal("$request_method", methods.get(0));
        }
        return Condition.matches("$request_method",
                "^(" + String.join("|", methods.stream().map(Enum::name).toList()) + ")$");
    }

    static String methodList(List<HttpMethod> methods) {
        return String.join(", ", methods.stream().map(Enum::name).toList());
    }

    private static String largestBodySize(LocationPlan l, GatewayTarget target) {
        String largest = null;
        long largestBytes = -1;
        for (Dispatch d : l.publicDispatches()) {
            String size = RouteLocationRenderer.bodySize(d.target(), target);
            long bytes = bytes(size);
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

    static long bytes(String size) {
        if (NginxValues.checkSize(size).isPresent()) {
            throw new IllegalArgumentException(NginxValues.checkSize(size).get());
        }
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long factor = switch (unit) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1;
        };
        String digits = factor == 1 ? size : size.substring(0, size.length() - 1);
        return Long.parseLong(digits) * factor;
    }
}
