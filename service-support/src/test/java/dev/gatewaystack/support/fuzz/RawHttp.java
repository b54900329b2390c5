package dev.gatewaystack.support.fuzz;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket (or TLS, trusting any certificate: the dev stack's own CA), one request per
 * connection. No HTTP library sends what the fuzz corpus needs (NUL in the target, broken header lines).
 */
public final class RawHttp {
    /** A response; status 0 when the server closed the connection or timed out without a status line. */
    public record Response(int status, Map<String, String> headers, byte[] body, String failure) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final URI base;
    private final int timeoutMillis;
    private final SSLContext tls;

    public RawHttp(URI base, int timeoutMillis) {
        this.base = base;
        this.timeoutMillis = timeoutMillis;
        this.tls = "https".equals(base.getScheme()) ? trustAll() : null;
    }

    public Response send(FuzzCase c) {
        try (Socket socket = open()) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(head(c));
            if (c.body() != null) {
                try {
                    out.write(c.body());
                } catch (IOException e) {
                    // The server may answer (413) and close before reading all of an oversize body.
                }
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return new Response(0, Map.of(), new byte[0], "no response within " + timeoutMillis + " ms");
        } catch (IOException e) {
            return new Response(0, Map.of(), new byte[0], e.toString());
        }
    }

    private Socket open() throws IOException {
        String host = base.getHost();
        int port = base.getPort() > 0 ? base.getPort() : tls == null ? 80 : 443;
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), timeoutMillis);
        if (tls == null) {
            return plain;
        }
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        if (!host.matches("[0-9.]+|\\[.*]")) {
            p.setServerNames(java.util.List.of(new SNIHostName(host)));
        }
        p.setApplicationProtocols(new String[] {"http/1.1"});
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    private byte[] head(FuzzCase c) {
        StringBuilder sb = new StringBuilder();
        String target = c.target().startsWith("/") || c.target().startsWith("*") || c.target().contains("://")
                ? prefix() + c.target() : c.target();
        sb.append(c.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", base.getPort() > 0 ? base.getHost() + ":" + base.getPort() : base.getHost());
        headers.put("Connection", "close");
        headers.put("User-Agent", "gatewaystack-fuzz");
        if (c.body() != null) {
            headers.put("Content-Length", Integer.toString(c.body().length));
        }
        headers.putAll(c.headers());
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A base URL with a path (a service mounted below the root) prefixes every target. */
    private String prefix() {
        String p = base.getRawPath();
        return p == null || p.equals("/") ? "" : p.replaceAll("/$", "");
    }

    /**
     * Reads one response: up to the end of its body (Content-Length, the last chunk) or, without either, to the
     * end of the stream; a server need not close at once after answering.
     */
    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        int headEnd = -1;
        long need = -1;
        boolean chunked = false;
        try {
            while ((n = in.read(buf)) >= 0) {
                all.write(buf, 0, n);
                if (headEnd < 0) {
                    String text = all.toString(StandardCharsets.ISO_8859_1);
                    headEnd = text.indexOf("\r\n\r\n");
                    if (headEnd >= 0) {
                        String head = text.substring(0, headEnd).toLowerCase(Locale.ROOT);
                        java.util.regex.Matcher m = java.util.regex.Pattern
                                .compile("\r\ncontent-length:\\s*(\\d+)").matcher(head);
                        need = m.find() ? Long.parseLong(m.group(1)) : -1;
                        chunked = head.contains("\r\ntransfer-encoding: chunked");
                    }
                }
                if (headEnd >= 0) {
                    long body = all.size() - headEnd - 4;
                    if (need >= 0 && body >= need) {
                        break;
                    }
                    if (chunked && all.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
                        break;
                    }
                    if (need < 0 && !chunked) {
                        String status = all.toString(StandardCharsets.ISO_8859_1).split(" ", 3)[1];
                        if (status.startsWith("1") || status.equals("204") || status.equals("304")) {
                            break;
                        }
                    }
                }
                if (all.size() > 8 * 1024 * 1024) {
                    break;
                }
            }
        } catch (IOException e) {
            // A reset after the answer (the server closing on an unread body) still leaves the answer.
            if (all.size() == 0) {
                throw e;
            }
        }
        return parse(all.toByteArray());
    }

    private static Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            return new Response(0, Map.of(), bytes, "no HTTP response (" + bytes.length + " bytes)");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body, null);
    }

    private static byte[] dechunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length) {
            int lineEnd = indexOf(raw, i);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(raw, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int len;
            try {
                len = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (len == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(raw, start, Math.min(len, raw.length - start));
            i = start + len + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
