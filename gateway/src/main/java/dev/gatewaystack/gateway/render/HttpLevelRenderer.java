package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.policy.GatewayPolicies;


/** http-level settings: types, temp paths, the JSON log, variables (maps), cache paths and rate-limit zones. */
final class HttpLevelRenderer {
    /** How many gs_session cookies are removed one by one before the whole Cookie header is withheld instead. */
    static final int SESSION_COOKIE_PASSES = 3;
    /**
     * Requests on one keepalive connection (client side, HTTP/1.1 and HTTP/2, and upstream) before nginx closes it.
     * nginx's default of 1,000 closed a busy HTTP/2 connection every 1,000 requests (h2load's clients then stop);
     * a periodic close is still kept so per-connection memory is returned now and then.
     */
    static final String KEEPALIVE_REQUESTS = "100000";
    static final String DEFAULT_CONNECT_TIMEOUT = "3s";

    private HttpLevelRenderer() {
    }

    static void render(NginxWriter c, RoutePlan plan, GatewayTarget target, CorsOrigins cors) {
        c.directive("include", Names.MIME_TYPES);
        c.directive("default_type", "application/octet-stream");
        c.directive("server_tokens", "off");
        c.directive("sendfile", "on");
        c.directive("tcp_nopush", "on");
        c.directive("keepalive_timeout", "65s");
        c.directive("keepalive_requests", KEEPALIVE_REQUESTS);
        // A server on the internal network accepts a connection within milliseconds; one cut off (network
        // disconnected, host gone) would otherwise hold the request for nginx's 60 s default before the next server
        // is tried (scripts/chaos.sh net-cut). @Timeouts(connect = ...) overrides it per route.
        c.directive("proxy_connect_timeout", DEFAULT_CONNECT_TIMEOUT);
        c.directive("client_max_body_size", target.defaultMaxBodySize());
        // $route_id and friends are only set in route locations; empty elsewhere is expected.
        c.directive("uninitialized_variable_warn", "off");
        String run = target.runtimeDir().toString();
        c.directive("client_body_temp_path", run + "/client_body");
        c.directive("proxy_temp_path", run + "/proxy");
        c.directive("fastcgi_temp_path", run + "/fastcgi");
        c.directive("uwsgi_temp_path", run + "/uwsgi");
        c.directive("scgi_temp_path", run + "/scgi");
        c.blank();
        logFormat(c, target);
        c.blank();
        maps(c, cors);
        c.blank();
        GatewayPolicies.ALL.forEach(p -> p.renderHttp(plan, target, c));
        c.directive("limit_req_status", "429");
    }

    private static void logFormat(NginxWriter c, GatewayTarget target) {
        // escape=json: nginx escapes the variables' values for JSON; the names and literal text are escaped here.
        JsonTemplate line = AccessLogFormat.template();
        c.directive("log_format", Names.LOG_FORMAT, "escape=json", line);
        // A syslog message carries no newline; mtail splits what it receives on newlines (entrypoint: MTAIL_SYSLOG).
        c.directive("log_format", Names.LOG_FORMAT_LINES, "escape=json", line + "\n");
        c.directive("access_log", target.accessLog(), Names.LOG_FORMAT);
        if (target.logIncludes() != null) {
            c.comment("Further access-log destinations (e.g. syslog to Logstash), written at container start.");
            c.directive("include", target.logIncludes());
        }
    }

    /**
     * The access log's ECS values nginx has no variable for: {@code @timestamp} with milliseconds ($time_iso8601 is
     * whole seconds; $msec, read at the same moment, has the milliseconds) and {@code event.duration} in nanoseconds
     * ($request_time is seconds with three decimals: its digits without leading zeros, then six zeros). The
     * timestamp is one map over both variables: one regular expression per line instead of three (issue 12).
     */
    private static void accessLogMaps(NginxWriter c) {
        c.block("map", NginxWriter.quoted("$time_iso8601 $msec"), Names.LOG_TIMESTAMP);
        c.directive("default", "$time_iso8601");
        c.mapEntry(NginxWriter.quoted("~^(?<gateway_log_s>.{19})(?<gateway_log_z>\\S*) [0-9]+\\.(?<gateway_log_ms>[0-9]{3})$"),
                NginxWriter.quoted("$gateway_log_s.$gateway_log_ms$gateway_log_z"));
        c.end();
        c.block("map", "$request_time", Names.DURATION_NANOS);
        c.directive("default", "0");
        c.mapEntry(NginxWriter.quoted("~^0\\.0*(?<gateway_ms_only>[1-9][0-9]*)$"),
                NginxWriter.quoted("${gateway_ms_only}000000"));
        c.mapEntry(NginxWriter.quoted("~^(?<gateway_whole_s>[1-9][0-9]*)\\.(?<gateway_s_ms>[0-9]{3})$"),
                NginxWriter.quoted("${gateway_whole_s}${gateway_s_ms}000000"));
        c.end();
    }

    private static void maps(NginxWriter c, CorsOrigins cors) {
        c.comment("Keep a well-formed client X-Request-ID, else use nginx's own random id.");
        c.block("map", "$http_x_request_id", Names.REQUEST_ID);
        c.directive("default", "$request_id");
        c.mapEntry(NginxWriter.quoted("~^[A-Za-z0-9._-]{8,128}$"), "$http_x_request_id");
        c.end();
        c.comment("The raw request path (without the query); $uri is rewritten to /__route/... by dispatch.");
        c.block("map", "$request_uri", Names.REQUEST_PATH);
        c.mapEntry(NginxWriter.quoted("~^(?<gateway_path>[^?]*)"), "$gateway_path");
        c.end();
        accessLogMaps(c);
        c.comment("The problem documents' instance: the raw path if it needs no JSON escaping (no quote, backslash or control).");
        c.block("map", "$request_uri", Names.PROBLEM_INSTANCE);
        c.directive("default", "null");
        c.mapEntry(NginxWriter.quoted("~^(?<gateway_safe_path>/[A-Za-z0-9/._~%!&'()*+,;=:@-]{0,1024})(?:\\?|$)"),
                NginxWriter.quoted(JsonTemplate.literal("$gateway_safe_path")));
        c.end();
        c.comment("Raw paths the gateway refuses (400) so that nginx and the services never route differently.");
        c.block("map", "$request_uri", Names.UNSAFE_PATH);
        c.directive("default", "");
        c.mapEntry(NginxWriter.quoted("~" + ServerRenderer.UNSAFE_PATH), "1");
        c.end();
        c.comment("What external upstreams (the admin UIs) get instead of the caller's Authorization and Cookie headers.");
        c.block("map", "$http_authorization", Names.UPSTREAM_AUTHORIZATION);
        c.directive("default", "$http_authorization");
        c.mapEntry(NginxWriter.quoted("~*^\\s*bearer(?:\\s|$)"), "");
        c.end();
        // A map removes one cookie; a request may carry several gs_session cookies (e.g. set with different paths),
        // so SESSION_COOKIE_PASSES maps each remove one more, and a Cookie header still holding one after them is
        // not passed at all: no session cookie ever reaches an admin UI.
        String cookies = "$http_cookie";
        for (int pass = 1; pass <= SESSION_COOKIE_PASSES; pass++) {
            String stripped = "$gateway_cookie_strip" + pass;
            c.block("map", cookies, stripped);
            c.directive("default", cookies);
            c.mapEntry(NginxWriter.quoted("~^(?<gateway_cookie_before" + pass + ">(?:.*?;)?)\\s*"
                    + Names.SESSION_COOKIE + "=[^;]*;?(?<gateway_cookie_after" + pass + ">.*)$"),
                    "$gateway_cookie_before" + pass + "$gateway_cookie_after" + pass);
            c.end();
            cookies = stripped;
        }
        c.block("map", cookies, Names.UPSTREAM_COOKIE);
        c.directive("default", cookies);
        c.mapEntry(NginxWriter.quoted("~(?:^|;)\\s*" + Names.SESSION_COOKIE + "="), "");
        c.end();
        c.block("map", "$http_upgrade", "$connection_upgrade");
        c.directive("default", "upgrade");
        c.mapEntry("", "close");
        c.end();
        c.block("map", "$http_authorization", "$gateway_rate_user");
        c.mapEntry("", "$binary_remote_addr");
        c.directive("default", "$http_authorization");
        c.end();
        c.block("map", "$host", "$gateway_rate_global");
        c.directive("default", "global");
        c.end();
        cors.render(c);
    }
}
