package dev.gatewaystack.gateway.deployment;

import dev.gatewaystack.route.Discovery;
import dev.gatewaystack.route.model.ServiceManifest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how one gateway is deployed: everything in the nginx config that does not come from the routes.
 * Paths are written into the config as given (absolute paths recommended). The withers change what tests and the loopback twin vary.
 *
 * @param httpsListen      nginx {@code listen} address of the TLS server, e.g. {@code "443"} or {@code "127.0.0.1:18443"}
 * @param httpListen       {@code listen} address of the plain-HTTP server that redirects to https
 * @param publicHttpsPort  the https port clients use, written into the 80 → 443 redirect (omitted when 443)
 * @param serverName       {@code server_name}; {@code "_"} for any host
 * @param certificate      PEM certificate chain file
 * @param certificateKey   PEM private key file
 * @param staticRoot       root of the static files (the SPA) served for {@code location /}
 * @param runtimeDir       pid file, temp paths and cache directories live below it
 * @param accessLog        access log destination, e.g. {@code /dev/stdout}
 * @param errorLog         error log destination, e.g. {@code /dev/stderr}
 * @param user             worker {@code user}, or null to leave nginx's default
 * @param serverOverrides  service → {@code host:port} servers replacing the ones derived from the manifest
 * @param defaultMaxBodySize {@code client_max_body_size} of routes that declare none
 * @param statusListen     {@code listen} address of a plain-HTTP server answering only {@code /stub_status} (nginx's
 *                         connection counters, read by the Prometheus exporter on the internal network), or null
 * @param logIncludes      an {@code include} pattern at http level for extra access-log destinations chosen at
 *                         container start (e.g. shipping to Logstash when it runs), or null
 * @param configDir        where nginx.conf and the files rendered beside it live at run time (the OpenAPI document
 *                         is served from there)
 */
public record GatewayTarget(String httpsListen,
                            String httpListen,
                            int publicHttpsPort,
                            String serverName,
                            Path certificate,
                            Path certificateKey,
                            Path staticRoot,
                            Path runtimeDir,
                            String accessLog,
                            String errorLog,
                            String user,
                            Map<String, List<String>> serverOverrides,
                            String defaultMaxBodySize,
                            String statusListen,
                            String logIncludes,
                            Path configDir) {

    public GatewayTarget {
        Objects.requireNonNull(httpsListen, "httpsListen");
        Objects.requireNonNull(httpListen, "httpListen");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(certificateKey, "certificateKey");
        Objects.requireNonNull(staticRoot, "staticRoot");
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        Objects.requireNonNull(accessLog, "accessLog");
        Objects.requireNonNull(errorLog, "errorLog");
        Objects.requireNonNull(defaultMaxBodySize, "defaultMaxBodySize");
        Objects.requireNonNull(configDir, "configDir");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (serverOverrides != null) {
            serverOverrides.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        serverOverrides = Map.copyOf(copy);
    }

    /**
     * The Docker Compose deployment: ports 443/80, certificates in /etc/nginx/certs, logs to stdout/stderr plus any
     * destination the image's entrypoint drops into /etc/nginx/logging/, and {@code /stub_status} on port 8081 for
     * the metrics exporter (that port is not published; only the internal network reaches it).
     */
    public static GatewayTarget compose() {
        return new GatewayTarget("443", "80", 443, "_",
                Path.of("/etc/nginx/certs/gateway.crt"), Path.of("/etc/nginx/certs/gateway.key"),
                Path.of("/usr/share/nginx/html"), Path.of("/var/cache/nginx"),
                "/dev/stdout", "/dev/stderr", null, Map.of(), "1m",
                "8081", "/etc/nginx/logging/*.conf", Path.of("/etc/nginx"));
    }

    /**
     * A gateway on 127.0.0.1 whose files all live below {@code runtimeDir} (logs, static root {@code html/}),
     * with every service of {@code manifests} at {@code 127.0.0.1:<its port>}. Runs as root when the JVM does,
     * so a root-run nginx can reach a private temp directory.
     */
    public static GatewayTarget loopback(Path runtimeDir, Path certificate, Path privateKey, int httpsPort,
                                         int httpPort, List<ServiceManifest> manifests) {
        Map<String, List<String>> servers = new LinkedHashMap<>();
        for (ServiceManifest m : manifests) {
            servers.put(m.service(), List.of("127.0.0.1:" + m.upstream().port()));
        }
        return new GatewayTarget("127.0.0.1:" + httpsPort, "127.0.0.1:" + httpPort, httpsPort, "_",
                certificate, privateKey, runtimeDir.resolve("html"), runtimeDir,
                runtimeDir.resolve("access.log").toString(), runtimeDir.resolve("error.log").toString(),
                "root".equals(System.getProperty("user.name")) ? "root" : null, servers, "1m",
                null, null, runtimeDir.resolve("conf"));
    }

    /**
     * The servers of a service's upstream as written in the config: the override if there is one, else the
     * service's DNS name and port ({@code <service>:<port>}), whose addresses the gateway follows at run time
     * (see {@link #discovers}).
     */
    public List<String> servers(ServiceManifest manifest) {
        List<String> override = serverOverrides.get(manifest.service());
        if (override != null && !override.isEmpty()) {
            return override;
        }
        return List.of(manifest.service() + ":" + manifest.upstream().port());
    }

    /**
     * Whether the servers of this service's upstream are discovered while the gateway runs ({@link Discovery#DNS}
     * without fixed servers given): its upstream block then includes {@code upstreams/<service>.conf}, which the
     * gateway image's {@code discover-upstreams} watcher rewrites from the addresses the name resolves to.
     */
    public boolean discovers(ServiceManifest manifest) {
        List<String> override = serverOverrides.get(manifest.service());
        return !manifest.upstream().external() && (override == null || override.isEmpty())
                && manifest.upstream().discovery() == Discovery.DNS;
    }

    /**
     * The unix socket of the local server a discovered upstream points at while its name resolves to no address:
     * it answers a 503 problem at once (instead of nginx refusing to start, or a 502 after a connect error).
     */
    public Path noServersSocket() {
        return runtimeDir.resolve("no-servers.sock");
    }

    /** Every service's servers discovered at run time (fixed servers dropped), as in the Compose target. */
    public GatewayTarget withDiscoveredServers() {
        return new GatewayTarget(httpsListen, httpListen, publicHttpsPort, serverName, certificate, certificateKey,
                staticRoot, runtimeDir, accessLog, errorLog, user, Map.of(), defaultMaxBodySize, statusListen,
                logIncludes, configDir);
    }

    public GatewayTarget withPublicHttpsPort(int v) {
        return new GatewayTarget(httpsListen, httpListen, v, serverName, certificate, certificateKey, staticRoot,
                runtimeDir, accessLog, errorLog, user, serverOverrides, defaultMaxBodySize, statusListen, logIncludes, configDir);
    }

    /** Replaces the servers of one service (e.g. {@code "127.0.0.1:18081"}). */
    public GatewayTarget withServers(String service, List<String> servers) {
        Map<String, List<String>> copy = new LinkedHashMap<>(serverOverrides);
        copy.put(service, servers);
        return new GatewayTarget(httpsListen, httpListen, publicHttpsPort, serverName, certificate, certificateKey,
                staticRoot, runtimeDir, accessLog, errorLog, user, copy, defaultMaxBodySize, statusListen, logIncludes, configDir);
    }

    public GatewayTarget withStatusListen(String v) {
        return new GatewayTarget(httpsListen, httpListen, publicHttpsPort, serverName, certificate, certificateKey,
                staticRoot, runtimeDir, accessLog, errorLog, user, serverOverrides, defaultMaxBodySize, v, logIncludes, configDir);
    }

    public GatewayTarget withLogIncludes(String v) {
        return new GatewayTarget(httpsListen, httpListen, publicHttpsPort, serverName, certificate, certificateKey,
                staticRoot, runtimeDir, accessLog, errorLog, user, serverOverrides, defaultMaxBodySize, statusListen, v, configDir);
    }
}
