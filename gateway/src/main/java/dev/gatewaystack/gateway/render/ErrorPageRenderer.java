package dev.gatewaystack.gateway.render;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors the gateway itself produces, answered as RFC 9457 {@code application/problem+json} with the request id
 * and the common security headers.
 *
 * <p>The error pages are internal URI locations ({@code /__problem/<status>}), not named ones: nginx cannot run a
 * named location for a request it failed to parse (bad request line, NUL or bad percent-encoding, 414, an
 * absolute-form target over HTTP/2) and answers its own HTML 500 instead; an internal redirect works for those too,
 * on nginx 1.22 and newer.
 *
 * <p>The statuses are every one nginx 1.22 answers by itself with this config. Not listed, because only modules and
 * directives the gateway does not use produce them: 406, 409, 410, 415 and 507 (WebDAV, {@code return}), 421 (client
 * certificate verification with SNI).
 */
final class ErrorPageRenderer {
    static final String PREFIX = "/__problem/";
    static final Map<Integer, String[]> PROBLEMS = new LinkedHashMap<>();
    /** nginx's own codes (no HTTP meaning) and the standard status each is answered with. */
    static final Map<Integer, Integer> NGINX_CODES = Map.of(
            494, 431, // request header or cookie too large
            495, 400, 496, 400, // client certificate errors (no client certificates are asked for)
            497, 400); // plain HTTP sent to the TLS port

    static {
        problem(400, "Bad Request", "The request is malformed, or its path has dot-segments, a double slash, a"
                + " semicolon, control characters or an encoded slash, backslash, dot or semicolon.");
        problem(401, "Unauthorized", "Authentication is required.");
        problem(403, "Forbidden", "You are not allowed to do this.");
        problem(404, "Not Found", "No route or file matches this path.");
        problem(405, "Method Not Allowed", "This path does not accept this method; see the Allow header.");
        problem(408, "Request Timeout", "The request was not received in time.");
        problem(411, "Length Required", "This request needs a Content-Length.");
        // nginx's not-modified filter: a failed If-Match / If-Unmodified-Since on a static file.
        problem(412, "Precondition Failed", "A precondition of the request (If-Match or If-Unmodified-Since) does not hold.");
        problem(413, "Content Too Large", "The request body is larger than this route accepts.");
        problem(414, "URI Too Long", "The request target is longer than the gateway accepts.");
        problem(416, "Range Not Satisfiable", "The requested range is outside the file.");
        problem(429, "Too Many Requests", "Rate limit exceeded; retry later.");
        problem(431, "Request Header Fields Too Large", "A request header or the cookies are larger than the gateway accepts.");
        problem(500, "Internal Server Error", "The gateway failed to handle the request.");
        problem(501, "Not Implemented", "The gateway does not support this request (e.g. its Transfer-Encoding).");
        problem(502, "Bad Gateway", "The upstream service is unreachable or answered badly.");
        problem(503, "Service Unavailable", "The upstream service is unavailable.");
        problem(504, "Gateway Timeout", "The upstream service did not answer in time.");
        problem(505, "HTTP Version Not Supported", "Use HTTP/1.1 or HTTP/2.");
    }

    private ErrorPageRenderer() {
    }

    private static void problem(int status, String title, String detail) {
        PROBLEMS.put(status, new String[]{title, detail});
    }

    static String uri(int status) {
        return PREFIX + status;
    }

    /** The error_page directives of a server. */
    static void directives(NginxWriter c) {
        PROBLEMS.keySet().forEach(s -> c.directive("error_page", String.valueOf(s), uri(s)));
        NGINX_CODES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                c.directive("error_page", String.valueOf(e.getKey()), "=" + e.getValue(), uri(e.getValue())));
    }

    /** The internal locations producing the bodies; anything else under the prefix is a 404. */
    static void locations(NginxWriter c) {
        c.block("location", "^~", PREFIX);
        c.directive("internal");
        c.directive("return", "404");
        c.end();
        PROBLEMS.forEach((status, text) -> {
            c.block("location", "=", uri(status));
            c.directive("internal");
            // An empty types map: the failed URI's extension (a missing /assets/x.js) must not set the type.
            c.emptyBlock("types");
            c.directive("default_type", "application/problem+json");
            c.directive("include", Names.COMMON_HEADERS);
            c.directive("add_header", "Cache-Control", "no-store", "always");
            if (status == 405) {
                c.directive("add_header", "Allow", Names.ALLOW, "always");
            } else if (status == 429) {
                c.directive("add_header", "Retry-After", "1", "always");
            }
            c.directive("return", status, body(status, text[0], text[1]));
            c.end();
        });
    }

    /**
     * The problem document; {@code instance} is the raw request path when it holds only characters that need no
     * escaping in JSON (see {@link HttpLevelRenderer}), else null.
     */
    static String body(int status, String title, String detail) {
        return new JsonTemplate().string("type", "about:blank").string("title", title).raw("status", status)
                .string("detail", detail).raw("instance", Names.PROBLEM_INSTANCE).string("requestId", Names.REQUEST_ID)
                .toString();
    }
}
