package dev.gatewaystack.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatewaystack.support.RequestLogContext;
import dev.gatewaystack.api.support.ApiClient;
import dev.gatewaystack.api.support.Closer;
import dev.gatewaystack.api.support.TestApp;
import dev.gatewaystack.api.support.TestDatabase;
import dev.gatewaystack.api.support.TestJwks;
import dev.gatewaystack.api.support.TestServers;
import dev.gatewaystack.auth.AuthService;
import dev.gatewaystack.auth.crypto.PasswordHasher;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4's "tokens from auth-service accepted, forged ones refused", with both real services in process: a real
 * auth-service (its own database, the test RabbitMQ) issues tokens by client_credentials and by the authorization
 * code flow with PKCE, api-service fetches its JWKS and accepts them on {@code @Authenticated} routes, and refuses
 * the same tokens re-signed with another key under the same {@code kid} or with a tampered payload. The user's
 * registration also reaches api-service as {@code user.registered} and opens the default account.
 */
class AuthServiceTokensTest {
    private static final String ISSUER = "https://localhost";
    private static final String CLIENT = "reporting-service";
    private static final String CLIENT_SECRET = "reporting-secret-for-tests";
    private static final String SPA = "gatewaystack-spa";
    private static final String REDIRECT = "http://127.0.0.1:9/callback";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Logger REQUEST_LOG = (Logger) LoggerFactory.getLogger(RequestLogContext.class);

    private static TestDatabase authDb;
    private static TestDatabase ledgerDb;
    private static AuthService auth;
    private static String authBase;
    private static TestApp app;
    private static ApiService api;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        authDb = new TestDatabase();
        Map<String, String> c = new HashMap<>();
        c.put("server.host", "127.0.0.1");
        c.put("server.port", "0");
        c.put("server.sockets.0.name", AuthService.OBSERVE_SOCKET);
        c.put("server.sockets.0.host", "127.0.0.1");
        c.put("server.sockets.0.port", "0");
        c.put("app.instance", "auth-test");
        c.put("db.url", authDb.url());
        c.put("db.user", authDb.user());
        c.put("db.password", authDb.password());
        c.put("db.pool", "4");
        c.put("rabbitmq.uri", TestServers.rabbitUri());
        c.put("outbox.interval", "PT0.2S");
        c.put("auth.issuer", ISSUER);
        c.put("auth.cookies.secure", "false");
        c.put("auth.spa.client", SPA);
        c.put("auth.spa.redirects", REDIRECT);
        c.put("auth.clients.0.id", CLIENT);
        c.put("auth.clients.0.hash", new PasswordHasher().hash(CLIENT_SECRET));
        c.put("auth.clients.0.scopes", "ledger");
        c.put("auth.clients.0.roles", "service");
        auth = AuthService.start(Config.just(ConfigSources.create(c)));
        authBase = "http://127.0.0.1:" + auth.port();

        ledgerDb = new TestDatabase();
        app = new TestApp(ledgerDb, authBase + "/oauth2/jwks", ISSUER);
        api = app.start("api-test");
        client = new ApiClient(api.port());
    }

    @AfterAll
    static void stop() throws Exception {
        Closer.closeAll(api, app, ledgerDb, auth, authDb);
    }

    @Test
    void clientCredentialsTokenIsAcceptedAndItsRequestLogsCarryTheCaller() {
        String token = clientCredentialsToken();
        ListAppender<ILoggingEvent> lines = capture();
        try {
            ApiClient.Response r = client.post("/api/accounts", token, "{\"name\":\"Reports\",\"currency\":\"EUR\"}",
                    "X-Request-ID", "gateway-req-4711", "X-Route-ID", "api-service.createAccount");
            assertEquals(201, r.status(), r::toString);
            assertEquals("gateway-req-4711", r.header("X-Request-ID"));
            ApiClient.Response list = client.get("/api/accounts", token);
            assertEquals(200, list.status(), list::toString);
            assertEquals(List.of("Reports"), names(list.json()));

            Map<String, String> mdc = requestLine(lines, "POST /api/accounts answered 201").getMDCPropertyMap();
            assertEquals("gateway-req-4711", mdc.get(RequestLogContext.REQUEST_ID));
            assertEquals("api-service.createAccount", mdc.get(RequestLogContext.ROUTE_ID));
            assertEquals(CLIENT, mdc.get(RequestLogContext.USER_ID), "sub of a client_credentials token is the client id");
        } finally {
            release(lines);
        }
    }

    @Test
    void userTokenFromTheCodeFlowIsAcceptedAndRegistrationOpenedTheDefaultAccount() throws Exception {
        String email = "ledger-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple";
        String userId = register(email, password);
        String token = userToken(email, password);
        assertEquals(userId, SignedJWT.parse(token).getJWTClaimsSet().getSubject());

        // user.registered went through auth-service's outbox and RabbitMQ to api-service's consumer.
        ApiClient.await(Duration.ofSeconds(30), "the default account of the new user", () -> {
            ApiClient.Response r = client.get("/api/accounts", token);
            assertEquals(200, r.status(), r::toString);
            return names(r.json()).contains("Main account");
        });
        ApiClient.Response created = client.post("/api/accounts", token, "{\"name\":\"Travel\",\"currency\":\"USD\"}");
        assertEquals(201, created.status(), created::toString);
        assertEquals(200, client.get(created.header("Location"), token).status());
    }

    @Test
    void forgedVariantsOfARealTokenAreRefused() throws Exception {
        String token = clientCredentialsToken();
        assertEquals(200, client.get("/api/accounts", token).status());
        SignedJWT real = SignedJWT.parse(token);
        String kid = real.getHeader().getKeyID();
        assertTrue(kid != null && !kid.isBlank(), "auth-service signs with a kid");

        // Same header (alg, kid, typ) and claims, signed with an attacker's key that claims the served kid.
        RSAKey forger = TestJwks.newKey(kid);
        SignedJWT resigned = new SignedJWT(real.getHeader(), real.getJWTClaimsSet());
        resigned.sign(new RSASSASigner(forger));
        refused(resigned.serialize());

        // The real signature over a payload naming another subject with the admin role.
        JWTClaimsSet tampered = new JWTClaimsSet.Builder(real.getJWTClaimsSet())
                .subject(UUID.randomUUID().toString()).claim("roles", List.of("user", "admin")).build();
        Base64URL[] parts = real.getParsedParts();
        refused(parts[0] + "." + Base64URL.encode(tampered.toString()) + "." + parts[2]);

        // And the untouched token still works: the refusals were about the forgeries.
        assertEquals(200, client.get("/api/accounts", token).status());
    }

    /**
     * Issue 9's token matrix: the same token gets the same verdict from api-service ({@code GET /api/accounts}),
     * auth-service's UserInfo and the gateway's edge-auth verifier. Revocations reach api-service within seconds
     * (its 2 s poll of auth-service's internal list); scope is api-service's own rule (userinfo needs openid, edge
     * auth no scope).
     */
    @Test
    void tokenMatrixHoldsInEveryService() throws Exception {
        String email = "matrix-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple";
        register(email, password);

        JsonNode valid = userTokens(email, password, "openid ledger");
        verdicts("valid", valid.get("access_token").asText(), 200, 200, 200);

        // Revoked by the client through RFC 7009.
        String revoked = userTokens(email, password, "openid ledger").get("access_token").asText();
        verdicts("before revocation", revoked, 200, 200, 200);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(authBase + "/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("client_id", SPA, "token", revoked,
                        "token_type_hint", "access_token")))));
        assertEquals(200, r.statusCode(), r.body());
        awaitRefusedByApi("revoked via /oauth2/revoke", revoked, Duration.ofSeconds(5));
        verdicts("revoked via /oauth2/revoke", revoked, 401, 401, 401);

        // Refresh-token reuse revokes the family: the first access token and the one the refresh produced.
        JsonNode family = userTokens(email, password, "openid ledger");
        String first = family.get("access_token").asText();
        String oldRefresh = family.get("refresh_token").asText();
        HttpResponse<String> rotated = refresh(oldRefresh);
        assertEquals(200, rotated.statusCode(), rotated.body());
        String second = json(rotated.body()).get("access_token").asText();
        verdicts("refreshed", second, 200, 200, 200);
        HttpResponse<String> reuse = refresh(oldRefresh);
        assertEquals(400, reuse.statusCode(), reuse.body());
        assertEquals("invalid_grant", json(reuse.body()).get("error").asText());
        awaitRefusedByApi("revoked by refresh reuse", second, Duration.ofSeconds(5));
        verdicts("revoked by refresh reuse (rotated token)", second, 401, 401, 401);
        verdicts("revoked by refresh reuse (first token)", first, 401, 401, 401);

        // The SPA's log-out: it revokes its refresh token (RFC 7009), which revokes the family's access tokens.
        JsonNode loggedOut = userTokens(email, password, "openid ledger");
        String loggedOutAccess = loggedOut.get("access_token").asText();
        verdicts("before log-out", loggedOutAccess, 200, 200, 200);
        HttpResponse<String> logout = send(HttpRequest.newBuilder(URI.create(authBase + "/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("client_id", SPA,
                        "token", loggedOut.get("refresh_token").asText(), "token_type_hint", "refresh_token")))));
        assertEquals(200, logout.statusCode(), logout.body());
        awaitRefusedByApi("revoked by log-out (refresh token revoked)", loggedOutAccess, Duration.ofSeconds(5));
        verdicts("revoked by log-out", loggedOutAccess, 401, 401, 401);

        // Without the ledger scope: api-service forbids, the others (which do not need it) accept.
        String noLedger = userTokens(email, password, "openid").get("access_token").asText();
        ApiClient.Response forbidden = client.get("/api/accounts", noLedger);
        assertEquals(403, forbidden.status(), forbidden::toString);
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"ledger\"", forbidden.header("WWW-Authenticate"));
        assertTrue(forbidden.header("Content-Type").startsWith("application/problem+json"), forbidden::toString);
        verdicts("missing ledger scope", noLedger, 403, 200, 200);

        // Signed with auth-service's own key, but expired (beyond the 60 s leeway).
        RSAKey signingKey = activeSigningKey();
        SignedJWT real = SignedJWT.parse(valid.get("access_token").asText());
        Instant past = Instant.now().minus(Duration.ofMinutes(30));
        SignedJWT expired = new SignedJWT(real.getHeader(), new JWTClaimsSet.Builder(real.getJWTClaimsSet())
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(10)))).build());
        expired.sign(new RSASSASigner(signingKey));
        verdicts("expired", expired.serialize(), 401, 401, 401);
        // Control: the same key and claims, not expired, pass everywhere (so the key read is the real one).
        SignedJWT fresh = new SignedJWT(real.getHeader(), new JWTClaimsSet.Builder(real.getJWTClaimsSet())
                .jwtID(UUID.randomUUID().toString()).build());
        fresh.sign(new RSASSASigner(signingKey));
        verdicts("re-signed with the real key", fresh.serialize(), 200, 200, 200);

        // Tampered payload under the real signature.
        JWTClaimsSet other = new JWTClaimsSet.Builder(real.getJWTClaimsSet())
                .claim("roles", List.of("user", "admin")).build();
        Base64URL[] parts = real.getParsedParts();
        verdicts("tampered", parts[0] + "." + Base64URL.encode(other.toString()) + "." + parts[2], 401, 401, 401);

        // A burst of tokens with unknown kids (JWKS reachable): each 401, and a valid token right after is 200.
        List<String> unknown = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            unknown.add(TestJwks.sign(TestJwks.newKey("kid-" + UUID.randomUUID()), real.getJWTClaimsSet()));
        }
        List<Integer> statuses;
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
                .newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Integer>> futures = unknown.stream()
                    .map(t -> pool.submit(() -> client.get("/api/accounts", t).status())).toList();
            statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : futures) {
                statuses.add(f.get());
            }
        }
        assertEquals(List.of(401), statuses.stream().distinct().toList(), "unknown kids: 401, never 503");
        verdicts("valid right after the unknown-kid burst", valid.get("access_token").asText(), 200, 200, 200);
        verdicts("unknown kid", unknown.getFirst(), 401, 401, 401);
    }

    private static void verdicts(String row, String token, int api, int userinfo, int edge) {
        ApiClient.Response a = client.get("/api/accounts", token);
        HttpResponse<String> u = send(HttpRequest.newBuilder(URI.create(authBase + "/oauth2/userinfo"))
                .header("Authorization", "Bearer " + token).GET());
        HttpResponse<String> e = send(HttpRequest.newBuilder(URI.create(authBase + "/internal/edge-auth"))
                .header("Authorization", "Bearer " + token).GET());
        assertEquals(List.of(api, userinfo, edge), List.of(a.status(), u.statusCode(), e.statusCode()),
                row + ": [api-service, userinfo, edge-auth]; api-service said " + a.body() + ", userinfo " + u.body());
        if (api == 401) {
            assertTrue(a.header("WWW-Authenticate").startsWith("Bearer"), row);
        }
    }

    private static void awaitRefusedByApi(String row, String token, Duration within) {
        long start = System.nanoTime();
        ApiClient.await(within, row + " refused by api-service", () -> client.get("/api/accounts", token).status() == 401);
        System.out.printf("%s: refused by api-service after %d ms%n", row, (System.nanoTime() - start) / 1_000_000);
    }

    private static HttpResponse<String> refresh(String refreshToken) {
        return send(HttpRequest.newBuilder(URI.create(authBase + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "refresh_token",
                        "client_id", SPA, "refresh_token", refreshToken)))));
    }

    /** auth-service's active private key, from its database (to sign tokens only the clock makes invalid). */
    private static RSAKey activeSigningKey() throws Exception {
        try (java.sql.Connection c = authDb.connect(); java.sql.ResultSet rs = c.createStatement().executeQuery(
                "SELECT jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1")) {
            assertTrue(rs.next(), "an active signing key");
            return RSAKey.parse(rs.getString(1));
        }
    }

    private static void refused(String token) {
        ListAppender<ILoggingEvent> lines = capture();
        try {
            ApiClient.Response r = client.get("/api/accounts", token);
            assertEquals(401, r.status(), r::toString);
            assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"), r.headers()::toString);
            assertNull(requestLine(lines, "GET /api/accounts answered 401").getMDCPropertyMap().get(RequestLogContext.USER_ID));
        } finally {
            release(lines);
        }
    }

    private static String clientCredentialsToken() {
        String basic = Base64.getEncoder().encodeToString((CLIENT + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(authBase + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials")))));
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).get("access_token").asText();
    }

    private static String register(String email, String password) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(authBase + "/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                        .put("email", email).put("password", password).toString())));
        assertEquals(201, r.statusCode(), r.body());
        return json(r.body()).get("id").asText();
    }

    private static String userToken(String email, String password) throws NoSuchAlgorithmException {
        return userTokens(email, password, "openid ledger").get("access_token").asText();
    }

    /** What the SPA and the browser do: authorize with PKCE, sign in on the login page, redeem the code. */
    private static JsonNode userTokens(String email, String password, String scope) throws NoSuchAlgorithmException {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", SPA);
        authorize.put("redirect_uri", REDIRECT);
        authorize.put("scope", scope);
        authorize.put("state", "state-1234");
        authorize.put("code_challenge", challenge);
        authorize.put("code_challenge_method", "S256");
        HttpResponse<String> toLogin = send(HttpRequest.newBuilder(
                URI.create(authBase + "/oauth2/authorize?" + form(authorize))).GET());
        assertEquals(303, toLogin.statusCode(), toLogin.body());

        HttpResponse<String> page = send(HttpRequest.newBuilder(
                URI.create(authBase + toLogin.headers().firstValue("Location").orElseThrow())).GET());
        assertEquals(200, page.statusCode(), page.body());
        String csrfCookie = page.headers().allValues("Set-Cookie").stream()
                .filter(v -> v.startsWith("gs_login_csrf=")).map(v -> v.substring(0, v.indexOf(';')))
                .findFirst().orElseThrow();
        Map<String, String> login = new LinkedHashMap<>();
        login.put("request", hidden(page.body(), "request"));
        login.put("csrf_token", hidden(page.body(), "csrf_token"));
        login.put("email", email);
        login.put("password", password);
        HttpResponse<String> back = send(HttpRequest.newBuilder(URI.create(authBase + "/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", csrfCookie)
                .POST(HttpRequest.BodyPublishers.ofString(form(login))));
        assertEquals(303, back.statusCode(), back.body());
        URI redirect = URI.create(back.headers().firstValue("Location").orElseThrow());
        Map<String, String> params = query(redirect.getRawQuery());
        assertEquals("state-1234", params.get("state"));

        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("client_id", SPA);
        exchange.put("code", params.get("code"));
        exchange.put("redirect_uri", REDIRECT);
        exchange.put("code_verifier", verifier);
        HttpResponse<String> tokens = send(HttpRequest.newBuilder(URI.create(authBase + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(exchange))));
        assertEquals(200, tokens.statusCode(), tokens.body());
        return json(tokens.body());
    }

    /** Captures the per-request DEBUG line of api-service's request log context. */
    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        REQUEST_LOG.setLevel(Level.DEBUG);
        REQUEST_LOG.addAppender(lines);
        return lines;
    }

    private static void release(ListAppender<ILoggingEvent> lines) {
        REQUEST_LOG.detachAppender(lines);
        REQUEST_LOG.setLevel(null);
    }

    private static ILoggingEvent requestLine(ListAppender<ILoggingEvent> lines, String prefix) {
        // Written once the response is sent, so possibly just after the client has it.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            synchronized (lines) { // the appender's own lock, under which server threads append
                for (ILoggingEvent e : lines.list) {
                    if (e.getFormattedMessage().startsWith(prefix)) {
                        return e;
                    }
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no log line '" + prefix + "...' in " + lines.list);
    }

    private static List<String> names(JsonNode accounts) {
        return accounts.get("items").findValuesAsText("name");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            m.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), () -> "hidden field " + name + " in " + html);
        return m.group(1);
    }
}
