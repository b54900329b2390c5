package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.run.DevCertificate;
import dev.gatewaystack.route.model.ServiceManifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of {@code GatewayGenerator --target loopback}: a gateway on 127.0.0.1 for running the stack
 * on one machine without containers (scripts/dev-stack.sh). Rendered by the same code as the Compose config; only
 * the target differs.
 *
 * <pre>
 * --runtime-dir DIR      pid, logs, temp and cache dirs; the static root is DIR/html (required)
 * --https-port N         TLS port (default 8443); --http-port N: the redirecting port (default 8080)
 * --server S=H:P[,H:P]   servers of service S (default: 127.0.0.1:&lt;the manifest's port&gt;); repeatable
 * --cert FILE --key FILE PEM certificate and key (default: a development certificate for localhost made in
 *                        DIR/certs if none is there yet)
 * </pre>
 */
final class LoopbackOptions {
    private Path runtimeDir;
    private int httpsPort = 8443;
    private int httpPort = 8080;
    private Path cert;
    private Path key;
    private final Map<String, List<String>> servers = new LinkedHashMap<>();

    /** Takes the option at {@code args[i]} and its value; returns the index of the value, or -1 if not ours. */
    int accept(String[] args, int i) {
        switch (args[i]) {
            case "--runtime-dir" -> runtimeDir = Path.of(value(args, i)).toAbsolutePath();
            case "--https-port" -> httpsPort = Integer.parseInt(value(args, i));
            case "--http-port" -> httpPort = Integer.parseInt(value(args, i));
            case "--cert" -> cert = Path.of(value(args, i)).toAbsolutePath();
            case "--key" -> key = Path.of(value(args, i)).toAbsolutePath();
            case "--server" -> {
                String v = value(args, i);
                int eq = v.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("--server needs service=host:port[,host:port], got " + v);
                }
                servers.put(v.substring(0, eq), Arrays.asList(v.substring(eq + 1).split(",")));
            }
            default -> {
                return -1;
            }
        }
        return i + 1;
    }

    GatewayTarget target(List<ServiceManifest> manifests) {
        if (runtimeDir == null) {
            throw new IllegalArgumentException("--target loopback needs --runtime-dir <dir>");
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("give both --cert and --key, or neither");
        }
        DevCertificate certificate;
        if (cert != null) {
            certificate = new DevCertificate(cert, key);
        } else {
            Path dir = runtimeDir.resolve("certs");
            certificate = new DevCertificate(dir.resolve("localhost.crt"), dir.resolve("localhost.key"));
            if (!Files.exists(certificate.certificate()) || !Files.exists(certificate.privateKey())) {
                certificate = DevCertificate.create("localhost", dir);
            }
        }
        GatewayTarget target = GatewayTarget.loopback(runtimeDir, certificate.certificate(), certificate.privateKey(), httpsPort, httpPort, manifests);
        for (Map.Entry<String, List<String>> s : servers.entrySet()) {
            target = target.withServers(s.getKey(), s.getValue());
        }
        return target;
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }
}
