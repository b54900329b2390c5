package dev.gatewaystack.gateway.render;

import java.util.List;
import java.util.Map;

/**
 * The gateway's JSON access log line ({@code log_format gateway_json escape=json}): its members in order. nginx's
 * {@code log_format} and the mtail program that reads the log ({@link MtailTarget}) are both made from this list,
 * so the reader cannot fall out of step with the writer.
 */
final class AccessLogFormat {
    /** One member: a JSON string ({@code "name":"$var"}) or a raw number ({@code "name":$var}). */
    record Field(String name, String variable, boolean raw) {
    }

    static final List<Field> FIELDS = List.of(
            string("time", "$time_iso8601"),
            string("request_id", Names.REQUEST_ID),
            string("route_id", "$route_id"),
            string("service", "$route_service"),
            string("method", "$request_method"),
            string("uri", "$request_uri"),
            raw("status", "$status"),
            raw("bytes", "$body_bytes_sent"),
            raw("request_time", "$request_time"),
            string("upstream_addr", "$upstream_addr"),
            string("upstream_status", "$upstream_status"),
            string("upstream_time", "$upstream_response_time"),
            string("cache_status", "$upstream_cache_status"),
            string("client", "$remote_addr"),
            string("user_agent", "$http_user_agent"));

    private AccessLogFormat() {
    }

    private static Field string(String name, String variable) {
        return new Field(name, variable, false);
    }

    private static Field raw(String name, String variable) {
        return new Field(name, variable, true);
    }

    static JsonTemplate template() {
        JsonTemplate line = new JsonTemplate();
        for (Field f : FIELDS) {
            if (f.raw()) {
                line.raw(f.name(), f.variable());
            } else {
                line.string(f.name(), f.variable());
            }
        }
        return line;
    }

    /**
     * An RE2 pattern matching a line from its start (after an optional syslog header): each member in order,
     * {@code captures} (member name → pattern of its value, without quotes) as a named group, any other string member as any escaped JSON string
     * and any other raw member as digits and dots. Members after the last capture are not matched.
     */
    static String pattern(Map<String, String> captures) {
        int last = 0;
        for (int i = 0; i < FIELDS.size(); i++) {
            if (captures.containsKey(FIELDS.get(i).name())) {
                last = i;
            }
        }
        // A syslog header (<190>Nov 29 01:00:00 gateway: ) may come first: Compose ships the log to mtail over syslog.
        StringBuilder p = new StringBuilder("^(?:<[0-9]+>[^{]*)?\\{");
        for (int i = 0; i <= last; i++) {
            Field f = FIELDS.get(i);
            String value = captures.containsKey(f.name())
                    ? "(?P<" + f.name() + ">" + captures.get(f.name()) + ")"
                    : f.raw() ? "[0-9.]*" : "(?:[^\"\\\\]|\\\\.)*";
            p.append(i == 0 ? "" : ",").append('"').append(f.name()).append("\":");
            p.append(f.raw() ? value : "\"" + value + "\"");
        }
        return p.append(',').toString();
    }
}
