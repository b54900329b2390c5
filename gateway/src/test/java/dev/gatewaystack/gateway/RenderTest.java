package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import dev.gatewaystack.gateway.render.ServerRenderer;
import dev.gatewaystack.gateway.render.UpstreamRenderer;
import dev.gatewaystack.gateway.run.DevCertificate;
import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.Discovery;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.UpstreamSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderTest {
    private static final RoutePlan PLAN = RoutePlan.of(Fixtures.all());
    private static final Map<String, String> FILES = NginxConfigRenderer.render(PLAN, GatewayTarget.compose());
    private static final String CONF = FILES.get("nginx.conf");

    private static void assertContains(String text, String... lines) {
        for (String line : lines) {
            assertTrue(text.contains(line), () -> "missing: " + line);
        }
    }

    /** The text of one location block (up to its closing brace at the same indent). */
    private static String location(String argument) {
        int start = CONF.indexOf("location " + argument + " {");
        assertTrue(start >= 0, "no location " + argument);
        return CONF.substring(start, CONF.indexOf("\n        }", start));
    }

    /** A route's directives: its /__route/ location, or the path location that serves it in place. */
    private static String route(String id) {
        int set = CONF.indexOf("set $route_id " + id + ";");
        assertTrue(set >= 0, "no route " + id);
        int start = CONF.lastIndexOf("\n        location ", set);
        return CONF.substring(start + 1, CONF.indexOf("\n        }", set));
    }

    @Test
    void writesConfIncludesAndRouteTable() {
        assertEquals(List.of("nginx.conf", "common-headers.conf", "proxy-headers.conf", "static-headers.conf",
                        "mime.types", "public-origin.conf", "upstreams/api-service.conf", "upstreams/api-service.empty",
                        "upstreams/auth-service.conf", "upstreams/auth-service.empty", "upstreams/report-service.conf",
                        "upstreams/report-service.empty", "upstreams/profile-service.conf",
                        "upstreams/profile-service.empty", "upstreams/discovery.list", "routes.md", "openapi.json",
                        "openapi-api-service.json", "openapi-auth-service.json", "openapi-report-service.json",
                        "openapi-profile-service.json", "kubernetes-stack.yaml", "kubernetes-httproutes.yaml", "gateway.mtail",
                        "slo.rules.yml"),
                List.copyOf(FILES.keySet()));
        assertTrue(FILES.get("routes.md").contains("SLO 99.9% non-5xx, p99 ≤ 300ms"), "the @Slo entry in routes.md");
        assertTrue(FILES.get("nginx.conf").contains("log_format gateway_json_lines escape=json '{\"@timestamp\":"),
                "the newline-ended access log format for mtail");
        assertTrue(FILES.get("nginx.conf").contains("\"user_agent.original\":\"$http_user_agent\"}\\n';"),
                "ends in nginx's \\n escape");
        assertContains(FILES.get("common-headers.conf"),
                "add_header Strict-Transport-Security \"max-age=63072000; includeSubDomains\" always;",
                "add_header X-Request-ID $gateway_request_id always;");
        assertContains(FILES.get("proxy-headers.conf"), "proxy_set_header Host $host;",
                "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
                "proxy_set_header X-Forwarded-Proto $scheme;", "proxy_set_header X-Forwarded-Host $host;",
                "proxy_set_header X-Real-IP $remote_addr;", "proxy_set_header X-Request-ID $gateway_request_id;",
                "proxy_set_header X-Route-ID $route_id;");
    }

    @Test
    void composeTargetDiscoversServersThroughIncludesTheWatcherRewrites() {
        // The declared balancing, then the servers (rewritten at run time), then keepalive (which must follow the
        // balancing method): a reload with a new include keeps all three.
        assertContains(CONF, """
                    upstream api-service {
                        zone upstream_api_service 64k;
                        least_conn;
                        include upstreams/api-service.conf;
                        keepalive 16;
                        keepalive_requests 100000;
                    }
                """, """
                    upstream auth-service {
                        zone upstream_auth_service 64k;
                        ip_hash;
                        include upstreams/auth-service.conf;
                    }
                """, "hash $request_uri consistent;", "hash $auth_user consistent;",
                "include upstreams/profile-service.conf;",
                "listen 443 ssl http2;", "listen 80;", "return 301 $gateway_public_origin$request_uri;",
                "ssl_certificate /etc/nginx/certs/gateway.crt;", "ssl_protocols TLSv1.2 TLSv1.3;",
                "\npcre_jit on;\n", "server_tokens off;", "keepalive_requests 100000;", "root /usr/share/nginx/html;", "try_files $uri /index.html;",
                // A cut-off server costs 3 s before the next one is tried, not nginx's 60 s (routes may set their own).
                "    proxy_connect_timeout 3s;\n",
                "access_log /dev/stdout gateway_json;", "error_log /dev/stderr warn;",
                "proxy_cache_path /var/cache/nginx/cache-api-service levels=1:2 keys_zone=cache_api_service:10m");
    }

    @Test
    void discoveredUpstreamsStartOnThePlaceholderAndListTheirHealthParameters() {
        String placeholder = "server unix:/var/cache/nginx/no-servers.sock max_fails=0;";
        assertContains(FILES.get("upstreams/api-service.conf"), placeholder);
        assertEquals(FILES.get("upstreams/api-service.conf"), FILES.get("upstreams/api-service.empty"));
        assertContains(FILES.get("upstreams/discovery.list"), "\napi-service 8080 max_fails=2 fail_timeout=5s\n",
                "\nauth-service 9000 max_fails=2 fail_timeout=5s\n");
        // The local server behind the placeholder: a 503 problem with the forwarded request id and path.
        assertContains(CONF, """
                    server {
                        listen unix:/var/cache/nginx/no-servers.sock;
                        access_log off;
                        location / {
                            types { }
                            default_type application/problem+json;
                            add_header Cache-Control no-store always;
                """, "return 503 '{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,",
                "\"requestId\":\"$gateway_request_id\"}';");
        // Fixed servers (dev stack, tests) are written inline, and nothing is discovered.
        Map<String, String> fixed = NginxConfigRenderer.render(PLAN, GatewayTarget.compose()
                .withServers("api-service", List.of("127.0.0.1:1", "127.0.0.1:2")));
        assertContains(fixed.get("nginx.conf"), "server 127.0.0.1:1 max_fails=2 fail_timeout=5s;",
                "server 127.0.0.1:2 max_fails=2 fail_timeout=5s;");
        assertTrue(!fixed.containsKey("upstreams/api-service.conf"));
        assertTrue(!fixed.get("upstreams/discovery.list").contains("api-service"));
    }

    @Test
    void balancingKindsAndOverrides() {
        UpstreamSpec rr = new UpstreamSpec(1, Balancing.ROUND_ROBIN, HashKey.CLIENT_IP, 0, 1, "10s", Discovery.DNS);
        assertNull(UpstreamRenderer.balancing(rr));
        assertEquals("hash $binary_remote_addr consistent", UpstreamRenderer.balancing(
                new UpstreamSpec(1, Balancing.HASH, HashKey.CLIENT_IP, 0, 1, "10s", Discovery.DNS)));
        ServiceManifest dns = ServiceManifest.of("s", rr, List.of());
        assertEquals(List.of("s:1"), GatewayTarget.compose().servers(dns), "DNS: one name, every address");
        assertEquals(List.of("10.0.0.1:9"), GatewayTarget.compose().withServers("s", List.of("10.0.0.1:9"))
                .servers(dns));
        String moved = NginxConfigRenderer.render(PLAN, GatewayTarget.compose().withPublicHttpsPort(8443))
                .get("nginx.conf");
        assertContains(NginxConfigRenderer.render(PLAN, GatewayTarget.compose().withPublicHttpsPort(8443))
                .get("public-origin.conf"), "set $gateway_public_origin \"https://localhost:8443\";");
        assertContains(moved, "include public-origin.conf;", "return 301 $gateway_public_origin$request_uri;");
        assertTrue(!moved.contains("https://$host"), "never the client's Host");
    }

    @Test
    void dispatchLocations() {
        assertContains(location("~ \"^/api/items/(?:[0-9]+)$\""),
                "set $gateway_allow \"GET, HEAD, POST, PUT\";",
                "if ($request_method ~ ^(GET|HEAD)$) { rewrite ^ /__route/api.getItem last; }",
                "if ($request_method = POST) { rewrite ^ /__route/api.itemAction last; }",
                "if ($request_method = DELETE) { return 404; }", "return 405;");
        assertContains(location("= /api/items"), "client_max_body_size 10m;",
                "if ($request_method = OPTIONS) { rewrite ^ /__cors/");
        assertContains(location("~ \"^/reports/(?:[0-9]{4})$\""), "client_max_body_size 0;");
        assertContains(location("= /internal/stats"), "return 404;");
        // One route, nothing else to dispatch: served in place, without the rewrite and with a proxy_pass that sends
        // the client's URI as it came (no variable to parse per request).
        assertContains(location("= /api/search"), "set $gateway_allow \"GET, HEAD\";",
                "if ($request_method !~ ^(GET|HEAD)$) { return 405; }", "set $route_id api.search;",
                "limit_req zone=rate_api_search", "proxy_pass http://api-service;");
        assertTrue(!CONF.contains("/__route/api.search"), "a route served in place has no route location");
        assertTrue(location("= /api/search").indexOf("return 405") < location("= /api/search").indexOf("$route_id"),
                "the method check comes before the route's variables (a 405 is logged without a route)");
        // A route that another location also dispatches to keeps its route location, even where it is alone.
        assertContains(location("~ \"^/api/items/[^/]+$\""), "rewrite ^ /__route/api.itemAction last;");
        assertContains(CONF, "location = /__route/api.itemAction {");
        // Preflights answered by the gateway need the dispatch.
        assertContains(location("= /api/events"), "if ($request_method = OPTIONS) { rewrite ^ /__cors/",
                "rewrite ^ /__route/api.events last;");
        assertTrue(!CONF.contains("/__route/api.stats") && !CONF.contains("/__route/auth.verify"),
                "internal routes are never proxied");
        assertContains(CONF, "\"~" + ServerRenderer.UNSAFE_PATH.replace("\\", "\\\\") + "\" 1;",
                "set $gateway_refuse_path $gateway_unsafe_path;", "if ($gateway_refuse_path) { return 400; }");
    }

    @Test
    void cacheRateLimitAndTimeouts() {
        assertContains(route("api.listItems"), "proxy_cache cache_api_service;",
                "proxy_cache_key \"api.listItems|$request_method|$host|$request_uri|$http_accept_language\";",
                "open_file_cache max=1000 inactive=60s;", "open_file_cache_valid 10s;",
                "proxy_cache_valid 200 203 204 206 1m;", "proxy_cache_valid 301 302 307 308 5m;",
                "proxy_cache_valid 404 410 30s;",
                "proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;",
                "proxy_cache_lock on;", "proxy_cache_bypass $http_x_no_cache $arg_nocache;",
                "proxy_no_cache $http_x_no_cache $arg_nocache;",
                "add_header X-Cache-Status $upstream_cache_status always;", "include common-headers.conf;",
                "proxy_pass http://api-service$request_uri;");
        String getItem = route("api.getItem");
        assertContains(getItem,
                "proxy_cache_key \"api.getItem|$scheme|$request_method|$host|$gateway_request_path|$args|$auth_user\";",
                "proxy_next_upstream error timeout http_502 http_503;", "proxy_next_upstream_tries 3;",
                "proxy_next_upstream_timeout 10s;");
        assertTrue(!getItem.contains("proxy_cache_valid 301") && !getItem.contains("proxy_cache_lock"), getItem);
        assertContains(route("api.files"), "|$http_authorization\";");
        // An idempotent route without @Retry tries each server of the upstream at most once, however many run.
        assertContains(route("api.listItems"), "proxy_next_upstream error timeout;",
                "proxy_next_upstream_tries 0;");
        assertContains(CONF, "limit_req_zone $binary_remote_addr zone=rate_api_createItem:10m rate=10r/s;",
                "limit_req_zone $gateway_rate_user zone=rate_api_updateItem:10m rate=5r/s;",
                "limit_req_zone $gateway_rate_global zone=rate_api_search:10m rate=100r/m;");
        assertTrue(!route("api.createItem").contains("open_file_cache"), "only cached routes keep files open");
        assertContains(route("api.createItem"), "limit_req zone=rate_api_createItem burst=20 nodelay;",
                "limit_req_status 429;", "client_max_body_size 10m;", "proxy_next_upstream off;");
        assertContains(route("api.updateItem"), "limit_req zone=rate_api_updateItem;",
                "proxy_connect_timeout 2s;", "proxy_read_timeout 30s;", "proxy_send_timeout 30s;");
        assertContains(route("reports.upload"), "proxy_next_upstream error timeout non_idempotent;");
        assertContains(route("auth.login"), "client_max_body_size 64k;");
    }

    @Test
    void edgeAuthCorsAndStreaming() {
        assertContains(route("api.updateItem"), "auth_request /__edge_auth/role_admin;",
                "auth_request_set $auth_user $upstream_http_x_auth_user;",
                "auth_request_set $auth_roles $upstream_http_x_auth_roles;",
                "proxy_set_header X-Auth-User $auth_user;", "proxy_set_header X-Auth-Roles $auth_roles;");
        assertContains(route("api.search"), "proxy_set_header X-Auth-User \"\";");
        assertContains(location("= /__edge_auth/role_admin"), "internal;", "proxy_pass_request_body off;",
                "proxy_set_header Content-Length \"\";", "proxy_set_header X-Original-URI $request_uri;",
                "proxy_set_header X-Original-Method $request_method;",
                "proxy_pass http://auth-service/auth/verify?role=admin;");
        assertContains(location("= /__edge_auth/any"), "proxy_pass http://auth-service/auth/verify;");
        assertContains(location("= /__edge_auth/role_user"), "?role=user;");
        assertContains(CONF, """
                    map $http_origin $cors_origin_1 {
                        default "";
                        "http://localhost:5173" $http_origin;
                        "https://app.example.com" $http_origin;
                    }
                """, "map $http_origin $cors_origin_2 {\n        default \"*\";");
        assertContains(route("api.createItem"),
                "add_header Access-Control-Allow-Origin $cors_origin_1 always;",
                "add_header Access-Control-Allow-Credentials true always;",
                "add_header Access-Control-Expose-Headers \"X-Request-ID\" always;", "add_header Vary Origin always;");
        assertContains(route("api.events"), "proxy_buffering off;", "proxy_cache off;",
                "proxy_read_timeout 1h;");
        assertContains(route("api.socket"), "proxy_set_header Upgrade $http_upgrade;",
                "proxy_set_header Connection $connection_upgrade;", "proxy_http_version 1.1;",
                "proxy_read_timeout 10m;");
    }

    @Test
    void errorPagesAndLog() {
        assertContains(CONF, "error_page 405 /__problem/405;", "error_page 429 /__problem/429;",
                "error_page 494 =431 /__problem/431;", "location = /__problem/414 {", "internal;",
                "add_header Allow $gateway_allow always;", "add_header Retry-After 1 always;",
                "default_type application/problem+json;", "\"requestId\":\"$gateway_request_id\"",
                "log_format gateway_json escape=json", "\"route_id\":\"$route_id\"",
                "\"upstream_status\":\"$upstream_status\"", "\"cache_status\":\"$upstream_cache_status\"",
                "\"~^[A-Za-z0-9._-]{8,128}$\" $http_x_request_id;");
    }

    @Test
    void routeTableListsEveryRouteAndUpstream() {
        String md = FILES.get("routes.md");
        for (PlannedRoute r : PLAN.routes()) {
            assertTrue(md.contains("| " + r.id() + " | " + r.service() + " |"), r.id());
            assertTrue(md.contains(r.spec().handler()), r.spec().handler());
        }
        assertContains(md, "| api.stats | api-service | GET, HEAD | `/internal/stats` EXACT | INTERNAL |",
                "edge auth role admin", "rate 10r/s burst 20 per CLIENT_IP", "CORS *", "streaming SSE idle 1h",
                "| api-service | every address of `api-service`, port 8080 (DNS, followed) | `least_conn` | 16 | 2 / 5s |");
    }

    @Test
    void devCertificateIsPem(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        DevCertificate cert = DevCertificate.create("gateway.test", tmp);
        assertTrue(java.nio.file.Files.readString(cert.certificate()).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(java.nio.file.Files.readString(cert.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----"));
    }
}
