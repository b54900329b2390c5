package dev.gatewaystack.gateway;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A raw HTTP/1.1 client, so request paths reach nginx exactly as written (no client-side normalization). */
final class TestHttps {
    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    private final SSLContext tls;

    TestHttps(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
    }

    Response https(int port, String method, String path, String... headers) throws Exception {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            return exchange(socket, method, path, headers);
        }
    }

    /** Sends {@code request} byte for byte over TLS (HTTP/1.1) and reads the answer until the server closes. */
    Response raw(int port, byte[] request) throws Exception {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    /** Sends {@code request} byte for byte over plain TCP and reads the answer until the server closes. */
    static Response rawHttp(int port, byte[] request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    static Response http(int port, String method, String path, String... headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return exchange(socket, method, path, headers);
        }
    }

    private static Response exchange(Socket socket, String method, String path, String... headers) throws Exception {
        socket.setSoTimeout(10_000);
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n");
        for (String h : headers) {
            request.append(h).append("\r\n");
        }
        if (method.equals("POST") || method.equals("PUT")) {
            request.append("Content-Length: 0\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
    }

    private static Response parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0 || !raw.startsWith("HTTP/1.")) {
            throw new IllegalStateException("not an HTTP/1.x answer: " + raw);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            parsed.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), parsed, raw.substring(end + 4));
    }
}
