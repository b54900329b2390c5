package dev.gatewaystack.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/** Errors the gateway itself produces, answered as RFC 9457 {@code application/problem+json}. */
final class ErrorPageRenderer {
    static final Map<Integer, String[]> PROBLEMS = new LinkedHashMap<>();

    static {
        problem(400, "Bad Request",
                "The request is malformed, or its path has dot-segments, a double slash or an encoded slash, backslash or dot.");
        problem(401, "Unauthorized", "Authentication is required.");
        problem(403, "Forbidden", "You are not allowed to do this.");
        problem(404, "Not Found", "No route or file matches this path.");
        problem(405, "Method Not Allowed", "This path does not accept this method; see the Allow header.");
        problem(413, "Content Too Large", "The request body is larger than this route accepts.");
        problem(429, "Too Many Requests", "Rate limit exceeded; retry later.");
        problem(500, "Internal Server Error", "The gateway failed to handle the request.");
        problem(502, "Bad Gateway", "The upstream service is unreachable or answered badly.");
        problem(503, "Service Unavailable", "The upstream service is unavailable.");
        problem(504, "Gateway Timeout", "The upstream service did not answer in time.");
    }

    private ErrorPageRenderer() {
    }

    private static void problem(int status, String title, String detail) {
        PROBLEMS.put(status, new String[]{title, detail});
    }

    /** The error_page directives of the server. */
    static void directives(Conf c) {
        PROBLEMS.keySet().forEach(s -> c.directive("error_page", String.valueOf(s), "@problem_" + s));
    }

    /** The named locations producing the bodies. */
    static void locations(Conf c) {
        PROBLEMS.forEach((status, text) -> {
            c.open("location @problem_" + status);
            // An empty types map: the failed URI's extension (a missing /assets/x.js) must not set the type.
            c.line("types { }");
            c.directive("default_type", "application/problem+json");
            c.directive("include", Names.COMMON_HEADERS);
            if (status == 405) {
                c.directive("add_header", "Allow", Names.ALLOW, "always");
            } else if (status == 429) {
                c.directive("add_header", "Retry-After", "1", "always");
            }
            c.directive("return", String.valueOf(status), "'" + body(status, text[0], text[1]) + "'");
            c.close();
        });
    }

    static String body(int status, String title, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"requestId\":\"" + Names.REQUEST_ID + "\"}";
    }
}
