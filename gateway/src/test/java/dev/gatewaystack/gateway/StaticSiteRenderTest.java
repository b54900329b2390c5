package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import dev.gatewaystack.gateway.render.StaticSiteRenderer;
import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.model.ServiceManifest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.gatewaystack.gateway.RouteBuilder.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SPA's locations and headers as rendered (the live behaviour is in LiveStaticSiteTest). */
class StaticSiteRenderTest {
    private static final RoutePlan PLAN = RoutePlan.of(Fixtures.all());
    private static final Map<String, String> FILES = NginxConfigRenderer.render(PLAN, GatewayTarget.compose());
    private static final String CONF = FILES.get("nginx.conf");

    /** A location of the TLS server (the Compose target's internal status server has a {@code location /} too). */
    private static String location(String argument) {
        int start = CONF.indexOf("location " + argument + " {", CONF.indexOf("ssl_certificate "));
        assertTrue(start >= 0, "no location " + argument);
        return CONF.substring(start, CONF.indexOf("\n        }", start));
    }

    @Test
    void hashedAssetsAreImmutableForAYearAndNeverFallBack() {
        String assets = location("/assets/");
        assertTrue(assets.contains("root /usr/share/nginx/html;"), assets);
        assertTrue(assets.contains("add_header Cache-Control \"public, max-age=31536000, immutable\";"), assets);
        assertTrue(assets.contains("try_files $uri =404;"), assets);
        assertTrue(assets.contains("include static-headers.conf;"), assets);
    }

    @Test
    void indexHtmlIsRevalidatedAndClientRoutesFallBackToIt() {
        String index = location("= /index.html");
        assertTrue(index.contains("add_header Cache-Control \"no-cache\";"), index);
        assertTrue(index.contains("include static-headers.conf;"), index);
        String root = location("/");
        assertTrue(root.contains("try_files $uri /index.html;"), root);
        assertTrue(root.contains("add_header Cache-Control \"no-cache\";"), root);
    }

    @Test
    void securityHeadersAndGzipForEveryStaticAnswer() {
        String headers = FILES.get("static-headers.conf");
        assertTrue(headers.contains("include common-headers.conf;"), "HSTS, nosniff and the request id too");
        assertTrue(headers.contains("add_header Content-Security-Policy \"" + StaticSiteRenderer.CSP + "\" always;"));
        assertTrue(StaticSiteRenderer.CSP.contains("script-src 'self';"));
        assertTrue(StaticSiteRenderer.CSP.contains("frame-ancestors 'none'"));
        assertFalse(StaticSiteRenderer.CSP.contains("unsafe-inline"));
        assertFalse(StaticSiteRenderer.CSP.contains("unsafe-eval"));
        assertTrue(headers.contains("add_header Referrer-Policy no-referrer always;"));
        assertTrue(headers.contains("gzip on;"));
        assertTrue(headers.contains("gzip_types text/css application/javascript"));
        assertTrue(FILES.get("common-headers.conf").contains("add_header X-Content-Type-Options nosniff always;"));
    }

    @Test
    void servicePrefixesAndGatewayPathsAre404NotTheSpa() {
        assertEquals(Set.of("api", "auth", "internal", "observe", "profile", "reports"),
                StaticSiteRenderer.reservedSegments(PLAN));
        String pattern = StaticSiteRenderer.reservedPattern(StaticSiteRenderer.reservedSegments(PLAN));
        assertEquals("^/(?:__[^/]*|api|auth|internal|observe|profile|reports)(?:/|$)", pattern);
        Pattern p = Pattern.compile(pattern);
        for (String path : List.of("/api/nope", "/api", "/auth/x", "/internal/stats", "/__route/x", "/__anything",
                "/observe/health")) {
            assertTrue(p.matcher(path).find(), path);
        }
        for (String path : List.of("/accounts/1", "/apis", "/profiles/2", "/login", "/")) {
            assertFalse(p.matcher(path).find(), path);
        }
        assertTrue(location("~ \"" + pattern + "\"").contains("return 404;"));
    }

    @Test
    void theReservedLocationComesAfterEveryRouteRegexSoRoutesWin() {
        int reserved = CONF.indexOf("location ~ \"^/(?:__");
        int lastRouteRegex = CONF.lastIndexOf("location ~ \"^/api/");
        assertTrue(lastRouteRegex > 0 && reserved > lastRouteRegex, "route regexes are checked first");
    }

    @Test
    void segmentsAreEscapedForPcre() {
        assertEquals("^/(?:__[^/]*|\\.well-known|a\\+b)(?:/|$)",
                StaticSiteRenderer.reservedPattern(new java.util.TreeSet<>(Set.of(".well-known", "a+b"))));
        assertEquals("^/(?:__[^/]*)(?:/|$)", StaticSiteRenderer.reservedPattern(Set.of()));
    }

    @Test
    void aRouteUnderAssetsIsRefused() {
        ServiceManifest m = ServiceManifest.of("cdn", Fixtures.upstream(8080, Balancing.ROUND_ROBIN,
                HashKey.REQUEST_URI, 0),
                List.of(route("cdn.file", "com.example.Cdn#file", "/assets/{name}").build()));
        RoutePlan plan = RoutePlan.of(List.of(m));
        var e = assertThrows(IllegalStateException.class,
                () -> NginxConfigRenderer.render(plan, GatewayTarget.compose()));
        assertTrue(e.getMessage().contains("route cdn.file [cdn] claims a path under /assets/"), e.getMessage());
    }
}
