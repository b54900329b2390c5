package dev.gatewaystack.gateway.render;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.PlannedRoute;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.route.model.PathTemplate;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The single-page application from the target's static root: Vite's content-hashed files under {@code /assets/}
 * cached for a year, {@code index.html} revalidated on every load, client routes answered with index.html (the SPA
 * fallback), gzip, and the browser security headers. Paths under a service's first path segment ({@code /api},
 * {@code /auth}, ...) and the gateway's own {@code /__...} paths never fall back: an unknown one stays a 404
 * problem, so a typo in an API call is not answered with HTML.
 */
public final class StaticSiteRenderer {
    /** Where Vite puts hashed files (build.assetsDir); a route under it would be shadowed, so it is reserved. */
    static final String ASSETS = "assets";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /**
     * Scripts, styles, fonts, images and connections from this origin only: no inline script or style, no eval,
     * no framing, no plugins, forms post here only.
     */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final List<String> GZIP_TYPES = List.of("text/css", "application/javascript", "application/json",
            "image/svg+xml", "text/plain", "application/manifest+json");
    private static final Pattern UNSAFE_SEGMENT = Pattern.compile("[^A-Za-z0-9_-]");

    /** What nginx's static module serves; its 405 for anything else (POST, DELETE, ...) names them in Allow. */
    private static final NginxWriter.Quoted STATIC_METHODS = NginxWriter.quoted("GET, HEAD");

    private StaticSiteRenderer() {
    }

    /** The locations; rendered last in the TLS server so the routes' regex locations are checked first. */
    static void render(NginxWriter c, RoutePlan plan, GatewayTarget target) {
        Set<String> reserved = reservedSegments(plan);
        String root = target.staticRoot().toString();
        c.comment("The OpenAPI document of the public routes, rendered beside this config at build time.");
        c.block("location", "=", OpenApiTarget.PUBLIC_PATH);
        c.directive("alias", target.configDir().resolve(OpenApiTarget.GATEWAY).toString());
        c.directive("include", Names.STATIC_HEADERS);
        c.directive("set", Names.ALLOW, STATIC_METHODS);
        c.directive("add_header", "Cache-Control", NginxWriter.quoted("no-cache"));
        c.end();
        c.blank();
        c.comment("Unknown paths under a service prefix or the gateway's own /__ paths: 404, never the SPA.");
        c.block("location", "~", NginxWriter.quoted(reservedPattern(reserved)));
        c.directive("return", "404");
        c.end();
        c.blank();
        c.comment("The SPA (" + root + "): content-hashed assets are immutable for a year.");
        c.block("location", "/" + ASSETS + "/");
        c.directive("root", root);
        c.directive("include", Names.STATIC_HEADERS);
        c.directive("set", Names.ALLOW, STATIC_METHODS);
        c.directive("add_header", "Cache-Control", IMMUTABLE);
        c.directive("try_files", "$uri", "=404");
        c.end();
        c.comment("index.html names the current hashed assets: revalidate it on every load.");
        c.block("location", "=", "/index.html");
        c.directive("root", root);
        c.directive("include", Names.STATIC_HEADERS);
        c.directive("set", Names.ALLOW, STATIC_METHODS);
        c.directive("add_header", "Cache-Control", NginxWriter.quoted("no-cache"));
        c.end();
        c.comment("Other static files; client routes (no such file) get index.html: the SPA fallback.");
        c.block("location", "/");
        c.directive("root", root);
        c.directive("include", Names.STATIC_HEADERS);
        c.directive("set", Names.ALLOW, STATIC_METHODS);
        c.directive("add_header", "Cache-Control", NginxWriter.quoted("no-cache"));
        c.directive("try_files", "$uri", "/index.html");
        c.end();
    }

    /** Headers and compression of every static answer (an include: nginx drops inherited add_header). */
    static String staticHeaders() {
        return new NginxWriter()
                .comment("Included by the SPA's locations: the common headers, browser hardening and gzip.")
                .directive("include", Names.COMMON_HEADERS)
                .directive("add_header", "Content-Security-Policy", NginxWriter.quoted(CSP), "always")
                .directive("add_header", "Referrer-Policy", "no-referrer", "always")
                .directive("add_header", "X-Frame-Options", "DENY", "always")
                .directive("add_header", "Cross-Origin-Opener-Policy", "same-origin", "always")
                .directive("add_header", "Permissions-Policy",
                        NginxWriter.quoted("camera=(), microphone=(), geolocation=(), payment=()"), "always")
                .directive("gzip", "on")
                .directive("gzip_vary", "on")
                .directive("gzip_comp_level", "5")
                .directive("gzip_min_length", "256")
                .directive("gzip_types", GZIP_TYPES.toArray())
                .toString();
    }

    /**
     * The services' observability endpoints (/observe/*) live on their own socket, which the gateway never proxies
     * to; the path is reserved so that it answers a 404 problem, not the SPA.
     */
    static final String OBSERVE = "observe";

    /** The literal first segments of every route (public or internal), e.g. api, auth, oauth2, .well-known, and observe. */
    public static Set<String> reservedSegments(RoutePlan plan) {
        Set<String> segments = new TreeSet<>();
        segments.add(OBSERVE);
        for (PlannedRoute r : plan.routes()) {
            List<PathTemplate.Segment> s = r.template().segments();
            if (!s.isEmpty() && s.get(0) instanceof PathTemplate.Literal literal) {
                if (literal.text().equals(ASSETS)) {
                    throw new IllegalStateException("route " + r.id() + " [" + r.service() + "] claims a path under /"
                            + ASSETS + "/, which the gateway reserves for the SPA's hashed files; move the route");
                }
                segments.add(literal.text());
            }
        }
        return segments;
    }

    /** {@code ^/(?:__[^/]*|api|auth)(?:/|$)} with every segment escaped for PCRE. */
    public static String reservedPattern(Set<String> segments) {
        String alternatives = segments.stream().map(StaticSiteRenderer::escape).collect(Collectors.joining("|"));
        return "^/(?:__[^/]*" + (alternatives.isEmpty() ? "" : "|" + alternatives) + ")(?:/|$)";
    }

    /** Every character but letters, digits, '_' and '-' escaped with a backslash (a literal in PCRE). */
    private static String escape(String literal) {
        StringBuilder b = new StringBuilder();
        literal.chars().forEach(ch -> {
            if (UNSAFE_SEGMENT.matcher(Character.toString(ch)).matches()) {
                b.append('\\');
            }
            b.append((char) ch);
        });
        return b.toString();
    }
}
