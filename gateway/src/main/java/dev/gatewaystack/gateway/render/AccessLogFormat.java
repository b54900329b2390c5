package dev.gatewaystack.gateway.render;

import java.util.List;
import java.util.Map;

/**
 * The gateway's JSON access log line ({@code log_format gateway_json escape=json}): its members in order. nginx's
 * {@code log_format} and the mtail program that reads the log ({@link MtailTarget}) are both made from this list,
 * so the reader cannot fall out of step with the writer. Member names are Elastic Common Schema fields where ECS has
 * one (the services' logback-ecs-encoder lines use the same: {@code @timestamp}, {@code service.name},
 * {@code http.request.id}, ...), so Logstash ships the line as written; {@code route_id} and the upstream/cache
 * members are the project's own. Dotted names are written flat ({@code "url.path":"/x"}), as the ECS encoders do;
 * Elasticsearch reads them as objects.
 */
final class AccessLogFormat {
    /**
     * One member: a JSON string ({@code "name":"$var"}) or a raw number ({@code "name":$var}); {@code key} is the
     * identifier the mtail program captures it under (a JSON name such as {@code url.path} is not one).
     */
    record Field(String name, String key, String variable, boolean raw) {
    }

    /** The ECS {@code service.name} of the gateway's own lines (the route's upstream is {@code service.target.name}). */
    static final String SERVICE_NAME = "gateway";

    static final List<Field> FIELDS = List.of(
            string("@timestamp", "time", Names.LOG_TIMESTAMP),
            string("service.name", "service_name", SERVICE_NAME),
            string("service.node.name", "node", "$hostname"),
            string("event.dataset", "dataset", SERVICE_NAME + ".access"),
            string("http.request.id", "request_id", Names.REQUEST_ID),
            string("route_id", "route_id", "$route_id"),
            string("service.target.name", "service", "$route_service"),
            string("http.request.method", "method", "$request_method"),
            string("url.path", "path", Names.REQUEST_PATH),
            string("url.query", "query", "$args"),
            raw("http.response.status_code", "status", "$status"),
            raw("http.response.body.bytes", "bytes", "$body_bytes_sent"),
            raw("event.duration", "duration", Names.DURATION_NANOS),
            string("upstream_addr", "upstream_addr", "$upstream_addr"),
            string("upstream_status", "upstream_status", "$upstream_status"),
            string("upstream_time", "upstream_time", "$upstream_response_time"),
            string("cache_status", "cache_status", "$upstream_cache_status"),
            string("client.ip", "client", "$remote_addr"),
            string("user_agent.original", "user_agent", "$http_user_agent"));

    private AccessLogFormat() {
    }

    private static Field string(String name, String key, String variable) {
        return new Field(name, key, variable, false);
    }

    private static Field raw(String name, String key, String variable) {
        return new Field(name, key, variable, true);
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
     * {@code captures} (member key → pattern of its value, without quotes) as a named group, any other string member as any escaped JSON string
     * and any other raw member as digits and dots. Members after the last capture are not matched.
     */
    static String pattern(Map<String, String> captures) {
        int last = 0;
        for (int i = 0; i < FIELDS.size(); i++) {
            if (captures.containsKey(FIELDS.get(i).key())) {
                last = i;
            }
        }
        // A syslog header (<190>Nov 29 01:00:00 gateway: ) may come first: Compose ships the log to mtail over syslog.
        StringBuilder p = new StringBuilder("^(?:<[0-9]+>[^{]*)?\\{");
        for (int i = 0; i <= last; i++) {
            Field f = FIELDS.get(i);
            String value = captures.containsKey(f.key())
                    ? "(?P<" + f.key() + ">" + captures.get(f.key()) + ")"
                    : f.raw() ? "[0-9.]*" : "(?:[^\"\\\\]|\\\\.)*";
            p.append(i == 0 ? "" : ",").append('"').append(f.name().replace(".", "\\.")).append("\":");
            p.append(f.raw() ? value : "\"" + value + "\"");
        }
        return p.append(',').toString();
    }
}
