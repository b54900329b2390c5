package dev.gatewaystack.gateway.render;

/** The small include files written beside nginx.conf. */
final class Includes {
    private Includes() {
    }

    /** Response headers of every answer; included in each location that has its own add_header. */
    static String commonHeaders() {
        return new NginxWriter()
                .comment("Included by the server and by every location with its own add_header (nginx drops")
                .comment("inherited add_header directives as soon as a level defines one).")
                .directive("add_header", "Strict-Transport-Security", "max-age=63072000; includeSubDomains",
                        "always")
                .directive("add_header", "X-Request-ID", Names.REQUEST_ID, "always")
                .directive("add_header", "X-Content-Type-Options", "nosniff", "always")
                .toString();
    }

    /** Request headers of every proxied request. */
    static String proxyHeaders() {
        return new NginxWriter()
                .directive("proxy_set_header", "Host", "$host")
                .directive("proxy_set_header", "X-Real-IP", "$remote_addr")
                .directive("proxy_set_header", "X-Forwarded-For", "$proxy_add_x_forwarded_for")
                .directive("proxy_set_header", "X-Forwarded-Proto", "$scheme")
                .directive("proxy_set_header", "X-Forwarded-Host", "$host")
                .directive("proxy_set_header", "X-Request-ID", Names.REQUEST_ID)
                // The services put it in their log lines (MDC route_id); set in every route location.
                .directive("proxy_set_header", "X-Route-ID", "$route_id")
                .toString();
    }

    /** The origin (scheme, host, port) the port-80 server redirects to. */
    static String publicOrigin(String origin) {
        if (!origin.matches("https://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
            throw new IllegalArgumentException("not an https origin: " + origin);
        }
        return new NginxWriter()
                .comment("The public HTTPS origin the port-80 server redirects to (the gateway image's entrypoint writes")
                .comment("it from PUBLIC_BASE_URL at start); never the client's Host header.")
                .directive("set", "$gateway_public_origin", NginxWriter.quoted(origin))
                .toString();
    }

    static String mimeTypes() {
        return """
                types {
                    text/html                   html htm;
                    text/css                    css;
                    text/plain                  txt;
                    text/xml                    xml;
                    application/javascript      js mjs;
                    application/json            json;
                    application/manifest+json   webmanifest;
                    application/wasm            wasm;
                    application/pdf             pdf;
                    application/zip             zip;
                    image/svg+xml               svg svgz;
                    image/png                   png;
                    image/jpeg                  jpeg jpg;
                    image/gif                   gif;
                    image/webp                  webp;
                    image/avif                  avif;
                    image/x-icon                ico;
                    font/woff                   woff;
                    font/woff2                  woff2;
                    font/ttf                    ttf;
                    font/otf                    otf;
                    audio/mpeg                  mp3;
                    video/mp4                   mp4;
                    video/webm                  webm;
                }
                """;
    }
}
