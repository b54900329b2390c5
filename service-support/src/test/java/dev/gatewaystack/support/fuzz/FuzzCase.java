package dev.gatewaystack.support.fuzz;

import java.util.Map;

/**
 * One malformed (or, as a baseline, well-formed) request. {@code target} is the raw request target, sent byte for
 * byte (ISO-8859-1), so it may hold what no URI class accepts: NUL, control characters, broken percent-encoding.
 * {@code oauthErrors}: the route answers refusals in RFC 6749 section 5.2's format rather than problem+json.
 */
public record FuzzCase(String routeId, String label, String method, String target, Map<String, String> headers,
                       byte[] body, boolean oauthErrors) {

    @Override
    public String toString() {
        String t = target.length() > 120 ? target.substring(0, 120) + "…(" + target.length() + ")" : target;
        return routeId + " [" + label + "] " + method + " " + printable(t)
                + (body == null ? "" : " body " + body.length + " bytes");
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f || c > 0xff) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
