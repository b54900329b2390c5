package dev.gatewaystack.gateway.it;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import dev.gatewaystack.gateway.run.DevCertificate;
import dev.gatewaystack.gateway.run.NginxBinary;
import dev.gatewaystack.gateway.it.agree.AgreeHandler;
import dev.gatewaystack.gateway.it.agree.AgreeServiceRoutes;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.ServiceManifest;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gatewaystack.gateway.TestNet.freePort;
import static dev.gatewaystack.gateway.TestNet.trusting;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential test of route agreement: a generated and adversarial corpus of raw request targets, each sent byte
 * for byte through a real nginx running the generated config in front of a real Helidon running the generated
 * routing, and sent directly to the same Helidon. For every target the gateway either refuses it (a 4xx problem it
 * makes itself) or nginx's route (X-Route-ID, which reaches the handler) is the route Helidon ran, and the same
 * route Helidon runs for the target sent directly.
 */
class PathAgreementTest {
    /** Segments of the routes, values their parameters accept, and everything that normalizes or decodes. */
    private static final List<String> SEGMENTS = List.of(
            "v1", "v2", "items", "special", "parts", "files", "admin", "stats", "x.y", "42", "0", "abc", "a.b",
            "", ".", "..", "...", "%2e", "%2E%2e", ".%2e", ";", ";x=1", "..;", "..;x", "items;a=b", "%3B", "%3b",
            "%2F", "%2f", "a%2Fb", "%5C", "%5c", "\\", "..\\", "%00", "%01", "%0a", "%7f", "%20", "%09", "%41",
            "spec%69al", "%69tems", "it%65ms", "ITEMS", "Items", "%", "%z", "%zz", "%2", "~", "*", "@", ":", "+",
            "!", "'", "(", ")", "$", "&", "=", ",", "-", "_", "%25", "%252e", "%252F", "%C3%A9", "\u00c3\u00a9",
            "\u0080", "#", "#x", "?", "x?y=1", "%3F", "%23", "4%32", "0x2a", "x.y;", "x%2Ey", "x%2ey");
    private static final List<String> SEEDS = List.of("/v1/items", "/v1/items/special", "/v1/items/42",
            "/v1/items/abc", "/v1/items/42/parts/7", "/v1/x.y", "/v1/files", "/v1/files/a/b.txt", "/v2/a/b",
            "/v1/admin/stats", "/", "/v1", "/v2/a");
    private static final String SERVICE = AgreeHandler.SERVICE;

    @TempDir
    static Path dir;
    private static WebServer helidon;
    private static NginxBinary.Running nginx;
    private static SSLContext tls;
    private static int https;

    @BeforeAll
    static void start() throws Exception {
        NginxBinary binary = NginxBinary.require();
        helidon = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.register(new AgreeServiceRoutes(new AgreeHandler()))
                        .any(AgreeHandler::none))
                .build().start();
        ServiceManifest agree = ManifestFiles.loadAll(PathAgreementTest.class.getClassLoader()).stream()
                .filter(m -> m.service().equals(SERVICE)).findFirst()
                .orElseThrow(() -> new AssertionError("the route processor wrote no manifest for " + SERVICE));
        DevCertificate cert = DevCertificate.create("localhost", dir.resolve("certs"));
        Files.createDirectories(dir.resolve("html"));
        https = freePort();
        GatewayTarget target = GatewayTarget.loopback(dir, cert.certificate(), cert.privateKey(), https, freePort(), List.of(agree))
                .withServers(SERVICE, List.of("127.0.0.1:" + helidon.port()));
        Path conf = NginxConfigRenderer.write(RoutePlan.of(List.of(agree)), target, dir.resolve("conf"));
        nginx = binary.start(dir, conf, https, Duration.ofSeconds(15));
        tls = trusting(cert.certificate());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (helidon != null && helidon.isRunning()) {
            helidon.stop();
        }
    }

    /** Every seed with each segment replaced, inserted or appended, plus random paths from the segment list. */
    static List<String> corpus() {
        Set<String> targets = new LinkedHashSet<>(SEEDS);
        for (String seed : SEEDS) {
            String[] parts = seed.substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                for (String s : SEGMENTS) {
                    String[] replaced = parts.clone();
                    replaced[i] = s;
                    targets.add("/" + String.join("/", replaced));
                    List<String> inserted = new ArrayList<>(List.of(parts));
                    inserted.add(i, s);
                    targets.add("/" + String.join("/", inserted));
                    targets.add(seed + s);
                }
            }
            targets.add(seed + "/");
            targets.add(seed + "?next=/v1/../v1/items%2F;x");
        }
        Random random = new Random(20261128);
        while (targets.size() < 6_000) {
            StringBuilder t = new StringBuilder();
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                t.append('/').append(random.nextInt(3) == 0 ? SEGMENTS.get(random.nextInt(SEGMENTS.size()))
                        : List.of("v1", "v2", "items", "42", "special", "files", "parts", "x.y", "abc")
                        .get(random.nextInt(9)));
            }
            if (random.nextInt(8) == 0) {
                t.append('/');
            }
            targets.add(t.toString());
        }
        return new ArrayList<>(targets);
    }

    @Test
    void nginxAndHelidonNeverPickDifferentRoutes() throws Exception {
        List<String> targets = corpus();
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (String target : targets) {
            for (String method : List.of("GET", "POST")) {
                done.add(pool.submit(() -> {
                    String outcome = compare(method, target);
                    if (outcome.startsWith("FAIL")) {
                        failures.add(method + " " + printable(target) + ": " + outcome);
                    }
                    counts.computeIfAbsent(outcome.startsWith("FAIL") ? "FAIL" : outcome, k -> new AtomicInteger())
                            .incrementAndGet();
                    return null;
                }));
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        System.out.println("[PathAgreementTest] corpus: " + targets.size() + " raw targets x GET/POST = "
                + done.size() + " requests; outcomes: " + new TreeMap<>(counts));
        assertTrue(counts.getOrDefault("agreed", new AtomicInteger()).get() > 100,
                "the corpus must reach routes, not only be refused: " + counts);
        assertTrue(failures.isEmpty(), failures.size() + " disagreements:\n"
                + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
    }

    /** "refused 4xx", "agreed", or "FAIL ..." for one method and target. */
    private static String compare(String method, String target) throws Exception {
        byte[] request = (method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Answer gateway;
        try (Socket s = tls.getSocketFactory().createSocket("127.0.0.1", https)) {
            gateway = Answer.of(s, request);
        } catch (java.io.IOException e) {
            return "FAIL no answer from the gateway: " + e;
        }
        Answer direct;
        try (Socket s = new Socket("127.0.0.1", helidon.port())) {
            direct = Answer.of(s, request);
        } catch (java.net.SocketTimeoutException e) {
            direct = new Answer(-1, Map.of()); // Helidon left the connection open without answering
        }
        String answered = gateway.header("X-Answered-Route");
        if (answered == null) {
            if (gateway.status >= 400 && gateway.status < 500
                    && "application/problem+json".equals(gateway.header("Content-Type"))) {
                return "refused " + gateway.status;
            }
            return "FAIL the gateway answered " + gateway.status + " " + gateway.header("Content-Type")
                    + " without reaching a route or refusing with a problem";
        }
        String chosen = gateway.header("X-Seen-Route-ID");
        if (!answered.equals(chosen)) {
            return "FAIL nginx chose [" + chosen + "] but Helidon ran [" + answered + "]";
        }
        if (!answered.equals(direct.header("X-Answered-Route"))) {
            return "FAIL through the gateway [" + answered + "], directly [" + direct.header("X-Answered-Route")
                    + "] (" + direct.status + ")";
        }
        return "agreed";
    }

    private record Answer(int status, Map<String, String> headers) {
        static Answer of(Socket socket, byte[] request) throws Exception {
            socket.setSoTimeout(3_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            // Only the head: it names the route, and some answers keep the connection open after the body.
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while (head.length() < 65_536 && (b = in.read()) >= 0) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            String raw = head.toString();
            int end = raw.indexOf("\r\n\r\n");
            if (end < 0) {
                return new Answer(-1, Map.of());
            }
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static String printable(String target) {
        StringBuilder b = new StringBuilder();
        for (char c : target.toCharArray()) {
            b.append(c < 0x21 || c > 0x7e ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

}
