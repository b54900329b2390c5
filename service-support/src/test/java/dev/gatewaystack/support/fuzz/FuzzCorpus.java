package dev.gatewaystack.support.fuzz;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.PathTemplate;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Generates malformed requests for every route of a manifest: bad path segments, bad query strings, malformed and
 * wrongly typed bodies (JSON and form), wrong content types, oversize bodies, bad credentials and headers, and bad
 * request lines; each once per caller (e.g. anonymous and with a valid token). Field names are the union of the
 * services' request fields, so every handler meets a wrong value in each field it reads.
 */
public final class FuzzCorpus {
    /** Who sends the cases: a label and the headers that identify it (none for anonymous). */
    public record Caller(String label, Map<String, String> headers) {
        public static Caller anonymous() {
            return new Caller("anonymous", Map.of());
        }

        public static Caller bearer(String token) {
            return new Caller("bearer", Map.of("Authorization", "Bearer " + token));
        }
    }

    /** A caller header value replaced by a fresh UUID in every case (e.g. for {@code Idempotency-Key}). */
    public static final String UNIQUE = "{unique}";

    /** Paths whose refusals are RFC 6749 errors (application/json), not problems. */
    public static final Set<String> OAUTH_ERROR_PATHS = Set.of("/oauth2/token", "/oauth2/revoke");

    static final List<String> QUERY_NAMES = List.of("month", "from", "to", "cursor", "limit", "category", "q",
            "client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge",
            "code_challenge_method", "nonce", "prompt", "request", "role", "id");
    /** The request bodies the services read; each is sent well-formed, then with one field wrong at a time. */
    static final List<List<String>> BODY_SHAPES = List.of(
            List.of("amountMinor", "currency", "bookingDate", "description", "category"),
            List.of("name", "currency"), List.of("name"), List.of("month"), List.of("email", "password"),
            List.of("name", "currency", "amountMinor", "bookingDate", "category", "description", "month", "email",
                    "password", "accountId"));
    static final List<String> FORM_FIELDS = List.of("grant_type", "code", "redirect_uri", "code_verifier",
            "client_id", "client_secret", "refresh_token", "scope", "token", "token_type_hint", "email",
            "password", "csrf", "request");

    /** Raw (already percent-encoded, or deliberately not) values for a path segment or a query value. */
    static final List<String> BAD_RAW = List.of("%00", "%zz", "%", "%e", "%ED%A0%80", "%C0%80", "%C3", "%FF",
            "%01", "%7F", "%0d%0a", "%25", "%u0041", "99999999999999999999999999", "-1", "0", "1e309", "NaN",
            "2025-02-30", "2025-13", "0000-01", "0000-01-01", "-0001-01", "+99999-01", "2025-00-00", "null", "[]",
            "a".repeat(3000));
    /** Raw characters the URI syntax forbids, sent as they are (Helidon's early 400). */
    static final List<String> RAW_BYTES = List.of("\u0000", "\u0001", "\u007f", "\u00e9", "\t", "\\", "\"", "<>",
            "{}", "|", "^", "`");
    /** JSON values of every wrong type and range, for each body field in turn. */
    static final List<String> BAD_JSON_VALUES = List.of("null", "true", "[]", "{}", "1", "-1", "0", "1.5",
            "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u0001\\u007f\"", "\"\\ud800\"", "\"x\\udc00\"",
            "1e400", "-1e400", "123456789012345678901234567890", "-9223372036854775809", "9223372036854775808",
            "9223372036854775807", "-9223372036854775808",
            "\"2025-02-30\"", "\"0000-01-01\"", "\"-0001-01-01\"", "\"+999999999-01-01\"", "\"2025-13-01\"",
            "\"2025-13\"", "\"0000-01\"", "\"2025-02\"", "\"ZZZ\"", "\"EUR\"", "\"" + "x".repeat(5000) + "\"");
    /** A plausible value of each body field, so that a case changes one field at a time. */
    static final Map<String, String> PLAUSIBLE = plausible();
    static final List<String> BAD_JSON_DOCUMENTS = List.of("", "{", "}", "[]", "null", "\"x\"", "1", "{\"a\":1,}",
            "{'a':1}", "{\"a\" 1}", "\u0000", "\ufeff{}", "{}{}", "{\"a\":\"\\x\"}", "{\"a\":\"\\ud800\"}",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}",
            "{\"name\":\"a\",\"name\":\"b\"}", "{\"amountMinor\":1,\"amountMinor\":\"1\"}");
    static final List<String> BAD_FORMS = List.of("", "%", "=", "&&&", "a=%zz", "%zz=a", "a=%", "a=%e",
            "a=%ED%A0%80", "a=%C3", "grant_type=%00", "a\u0000b=c", "=%00", "a==b", "grant_type=authorization_code"
                    + "&grant_type=refresh_token", "grant_type=client_credentials&scope=%00",
            "grant_type=refresh_token&client_id=gatewaystack-spa&refresh_token=%00");
    static final List<String> BAD_CONTENT_TYPES = List.of("text/plain", "application/json; charset=utf-16",
            "application/x-www-form-urlencoded; charset=bogus", "multipart/form-data; boundary=x", "application/",
            "%00", "application/json;;;", "*/*");
    static final List<String> BAD_AUTHORIZATIONS = List.of("Bearer", "Bearer ", "Bearer a.b.c", "Bearer %00",
            "Bearer " + "a".repeat(4000), "Bearer eyJhbGciOiJub25lIn0.e30.", "Basic !!!", "Basic "
                    + b64("no-colon"), "Basic " + b64("a:b:c"), "Basic " + b64("%zz:%00"),
            "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28, 0x3a, 0}), "Negotiate x",
            "Bearer\u0001x");
    static final List<String> BAD_COOKIES = List.of("gs_session=%00", "gs_session=\"", "gs_session=a.b.c",
            "gs_session=;gs_session=x", "gs_login_csrf=\u0001", "=", ";;;");

    private FuzzCorpus() {
    }

    /** nginx's {@code client_max_body_size} when a route declares no {@code @MaxBodySize}. */
    static final long DEFAULT_MAX_BODY_BYTES = 16 * 1024;
    /**
     * 4 KB of random letters and digits: "x".repeat(...) compresses to nothing in PostgreSQL, so it never showed
     * that a raw value in an indexed column fails (index row size, SQLSTATE 54000). Fixed seed: reproducible.
     */
    static final String INCOMPRESSIBLE = incompressible(4 * 1024);

    /** The manifest of {@code service} on the class path (the service's own, in its tests). */
    public static ServiceManifest manifestOnClassPath(String service) {
        String resource = ManifestFiles.DIRECTORY + ManifestFiles.fileName(service);
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path; build the service first");
            }
            return ManifestFiles.fromJson(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<FuzzCase> cases(List<RouteSpec> routes, Map<String, String> pathValues, List<Caller> callers) {
        List<FuzzCase> all = new ArrayList<>();
        for (RouteSpec route : routes) {
            for (Caller caller : callers) {
                all.addAll(new RouteCases(route, pathValues, caller).all());
            }
        }
        return all;
    }

    private static Map<String, String> plausible() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", "\"Fuzz\"");
        m.put("currency", "\"EUR\"");
        m.put("amountMinor", "-100");
        m.put("bookingDate", "\"2025-01-02\"");
        m.put("category", "\"groceries\"");
        m.put("description", "\"fuzz\"");
        m.put("month", "\"2025-01\"");
        m.put("email", "\"fuzz@example.com\"");
        m.put("password", "\"correct horse battery\"");
        m.put("accountId", "\"00000000-0000-0000-0000-000000000000\"");
        return m;
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Every case of one route for one caller. */
    private static final class RouteCases {
        private final RouteSpec route;
        private final PathTemplate template;
        private final List<String> methods;
        private final Map<String, String> pathValues;
        private final Caller caller;
        private final boolean oauth;
        private final List<FuzzCase> out = new ArrayList<>();

        RouteCases(RouteSpec route, Map<String, String> pathValues, Caller caller) {
            this.route = route;
            this.template = route.template();
            this.methods = route.methods().stream().map(HttpMethod::name).toList();
            this.pathValues = pathValues;
            this.caller = caller;
            this.oauth = OAUTH_ERROR_PATHS.contains(route.path());
        }

        List<FuzzCase> all() {
            String path = fill(name -> pathValues.getOrDefault(name, "1"));
            if (route.match() == Match.PREFIX) {
                path = path + "/x";
            }
            for (String method : methods) {
                add("baseline", method, path, Map.of(), null);
                pathCases(method);
                queryCases(method, path);
                headerCases(method, path);
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    bodyCases(method, path);
                }
            }
            for (String method : List.of("PUT", "DELETE", "TRACE", "FOO", "get", "CONNECT")) {
                if (!methods.contains(method)) {
                    add("method " + method, method, path, Map.of(), null);
                }
            }
            requestLineCases(path);
            return out;
        }

        private void pathCases(String method) {
            for (String name : template.paramNames()) {
                for (String bad : concat(BAD_RAW, RAW_BYTES, List.of("..;", ";x=1", "a%2Fb", "%2e%2e", " "))) {
                    String path = fill(n -> n.equals(name) ? bad : pathValues.getOrDefault(n, "1"));
                    add("path " + name, method, path, Map.of(), null);
                }
            }
            // Also a bad byte in a literal segment and at the end.
            for (String bad : List.of("%00", "%zz", "\u0000", "%ED%A0%80", ";x", "/%2e%2e/x")) {
                String path = fill(n -> pathValues.getOrDefault(n, "1"));
                add("path suffix", method, path + bad, Map.of(), null);
            }
        }

        private void queryCases(String method, String path) {
            for (String name : QUERY_NAMES) {
                for (String bad : BAD_RAW) {
                    add("query " + name, method, path + "?" + name + "=" + bad, Map.of(), null);
                }
                add("query " + name + " raw NUL", method, path + "?" + name + "=a\u0000b", Map.of(), null);
                add("query " + name + " repeated", method, path + "?" + name + "=2025-01&" + name + "=1", Map.of(),
                        null);
                add("query " + name + " empty", method, path + "?" + name + "=", Map.of(), null);
                add("query " + name + " no value", method, path + "?" + name, Map.of(), null);
            }
            for (String raw : List.of("%", "=", "&&", "a=%", "%=%", "a==b", ";;", "=%zz", "%zz", "&=&",
                    "?", "#x", "a=1#", "%00=%00", "a[]=1&a[x]=2", "x=" + "%41".repeat(4000))) {
                add("query raw", method, path + "?" + raw, Map.of(), null);
            }
        }

        private void headerCases(String method, String path) {
            for (String a : BAD_AUTHORIZATIONS) {
                add("authorization", method, path, Map.of("Authorization", a), null, false);
            }
            for (String c : BAD_COOKIES) {
                add("cookie", method, path, Map.of("Cookie", c), null);
            }
            add("request id", method, path, Map.of("X-Request-ID", "\u0001bad id%00"), null);
            add("huge header", method, path, Map.of("X-Fuzz", "a".repeat(64 * 1024)), null);
            add("header no colon", method, path, Map.of("X-Fuzz\r\nbroken", "x"), null);
            add("header NUL", method, path, Map.of("X-Fuzz", "a\u0000b"), null);
            add("header obs-fold", method, path, Map.of("X-Fuzz", "a\r\n b"), null);
            add("accept", method, path, Map.of("Accept", "%00/\u0001"), null);
            add("content-length bad", method, path, Map.of("Content-Length", "-1"), null);
            add("content-length huge", method, path, Map.of("Content-Length", "99999999999999999999"), null);
            add("host bad", method, path, Map.of("Host", "a b"), null);
        }

        private void bodyCases(String method, String path) {
            String json = "application/json";
            String form = "application/x-www-form-urlencoded";
            for (String doc : BAD_JSON_DOCUMENTS) {
                add("json document", method, path, Map.of("Content-Type", json), utf8(doc));
            }
            for (List<String> shape : BODY_SHAPES) {
                Map<String, String> valid = new LinkedHashMap<>();
                shape.forEach(f -> valid.put(f, PLAUSIBLE.get(f)));
                add("json valid " + shape, method, path, Map.of("Content-Type", json), utf8(object(valid)));
                for (String field : shape) {
                    for (String value : BAD_JSON_VALUES) {
                        Map<String, String> fields = new LinkedHashMap<>(valid);
                        fields.put(field, value);
                        add("json " + field, method, path, Map.of("Content-Type", json), utf8(object(fields)));
                    }
                    Map<String, String> missing = new LinkedHashMap<>(valid);
                    missing.remove(field);
                    add("json missing " + field, method, path, Map.of("Content-Type", json), utf8(object(missing)));
                    add("json repeated " + field, method, path, Map.of("Content-Type", json),
                            utf8(object(valid).replaceFirst("}$", ",\"" + field + "\":" + PLAUSIBLE.get(field) + "}")));
                }
            }
            add("json invalid utf-8", method, path, Map.of("Content-Type", json),
                    new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
            for (String f : BAD_FORMS) {
                add("form", method, path, Map.of("Content-Type", form), utf8(f));
            }
            for (String field : FORM_FIELDS) {
                for (String bad : List.of("%00", "%zz", "%", "%ED%A0%80", "%01", "a%0D%0Ab", "x".repeat(12_000),
                        INCOMPRESSIBLE)) {
                    add("form " + field, method, path, Map.of("Content-Type", form), utf8(field + "=" + bad));
                }
                add("form repeated " + field, method, path, Map.of("Content-Type", form),
                        utf8(field + "=a&" + field + "=b"));
                // A lone bad field is refused early (missing grant_type, CSRF); inside an otherwise plausible
                // client_credentials form it reaches client authentication and whatever stores the value.
                Map<String, String> plausible = new LinkedHashMap<>(Map.of("grant_type", "client_credentials",
                        "client_id", "fuzz-client", "client_secret", "fuzz-secret"));
                plausible.put(field, INCOMPRESSIBLE);
                StringBuilder body = new StringBuilder();
                plausible.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=').append(v));
                add("form plausible " + field, method, path, Map.of("Content-Type", form), utf8(body.toString()));
            }
            for (String type : BAD_CONTENT_TYPES) {
                add("content type", method, path, Map.of("Content-Type", type), utf8("{}"));
            }
            add("no content type", method, path, Map.of(), utf8("{}"));
            long limit = route.maxBodySize() == null ? DEFAULT_MAX_BODY_BYTES : bytes(route.maxBodySize());
            add("oversize", method, path, Map.of("Content-Type", json), utf8("{\"name\":\""
                    + "x".repeat((int) Math.min(limit + 1, 4 * 1024 * 1024)) + "\"}"));
            add("oversize form", method, path, Map.of("Content-Type", form),
                    utf8("a=" + "x".repeat((int) Math.min(limit + 1, 4 * 1024 * 1024))));
            add("huge body", method, path, Map.of("Content-Type", json), new byte[3 * 1024 * 1024]);
        }

        private void requestLineCases(String path) {
            String m = methods.getFirst();
            add("request line", m, "*", Map.of(), null);
            add("request line", m, "http://example.com" + path, Map.of(), null);
            add("request line", m, path + " HTTP/1.1 x", Map.of(), null);
            add("request line", m, "//" + path, Map.of(), null);
            add("request line", m, path.replace("/", "\\"), Map.of(), null);
            add("request line", m, path + "\u0000", Map.of(), null);
            add("request line", m, "x" + path, Map.of(), null);
            add("request line", m, path + "%", Map.of(), null);
            add("request line", m.charAt(0) + "\u0001" + m.substring(1), path, Map.of(), null);
            add("request line", m + "\u0000", path, Map.of(), null);
            add("request line", "G(T)", path, Map.of(), null);
        }

        /** The route's path with each parameter replaced by {@code value.apply(name)}, inserted as it is (raw). */
        private String fill(UnaryOperator<String> value) {
            StringBuilder path = new StringBuilder();
            for (PathTemplate.Segment segment : template.segments()) {
                path.append('/').append(segment instanceof PathTemplate.Literal literal ? literal.text()
                        : value.apply(((PathTemplate.Param) segment).name()));
            }
            return path.isEmpty() ? "/" : path.toString();
        }

        private void add(String label, String method, String target, Map<String, String> headers, byte[] body) {
            add(label, method, target, headers, body, true);
        }

        private void add(String label, String method, String target, Map<String, String> headers, byte[] body,
                         boolean withCaller) {
            Map<String, String> h = new LinkedHashMap<>();
            if (withCaller) {
                caller.headers().forEach((k, v) -> h.put(k, UNIQUE.equals(v) ? java.util.UUID.randomUUID().toString()
                        : v));
            }
            h.putAll(headers);
            out.add(new FuzzCase(route.id(), caller.label() + " " + label, method, target, h, body, oauth));
        }
    }

    /** An nginx size ({@code 16k}, {@code 1m}, {@code 512}) in bytes. */
    static long bytes(String size) {
        String s = size.toLowerCase(Locale.ROOT);
        long unit = s.endsWith("k") ? 1024 : s.endsWith("m") ? 1024 * 1024 : s.endsWith("g") ? 1024L * 1024 * 1024 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append('"').append(k).append("\":").append(v).append(','));
        if (sb.length() > 1) {
            sb.setLength(sb.length() - 1);
        }
        return sb.append('}').toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @SafeVarargs
    static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    private static String incompressible(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        java.util.Random random = new java.util.Random(54000);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
