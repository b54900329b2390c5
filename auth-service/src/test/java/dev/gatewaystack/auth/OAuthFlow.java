package dev.gatewaystack.auth;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a browser and the SPA do, step by step, over plain HTTP. */
final class OAuthFlow {
    private static final SecureRandom RANDOM = new SecureRandom();

    final RunningAuth auth;
    final String verifier = random();
    final String challenge = s256(verifier);
    final String state = random();
    final String nonce = random();

    record LoginForm(String requestId, String csrf, String csrfCookie, HttpResponse<String> page) {
    }

    OAuthFlow(RunningAuth auth) {
        this.auth = auth;
    }

    /** A fresh address, {@code <prefix><8 random hex digits>@example.com}, so tests on one database never collide. */
    static String uniqueEmail(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String register(RunningAuth auth, String email, String password) {
        HttpResponse<String> r = Http.postJson(auth.url("/auth/register"),
                Json.createObjectBuilder().add("email", email).add("password", password).build().toString());
        assertEquals(201, r.statusCode(), r.body());
        return json(r.body()).getString("id");
    }

    Map<String, String> authorizeParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", RunningAuth.SPA);
        p.put("redirect_uri", RunningAuth.REDIRECT);
        p.put("scope", "openid email ledger");
        p.put("state", state);
        p.put("nonce", nonce);
        p.put("code_challenge", challenge);
        p.put("code_challenge_method", "S256");
        return p;
    }

    HttpResponse<String> authorize(Map<String, String> params, String... headers) {
        return Http.get(auth.url("/oauth2/authorize?" + Http.form(params)), headers);
    }

    LoginForm openLogin() {
        HttpResponse<String> r = authorize(authorizeParams());
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/auth/login?request="), location);
        HttpResponse<String> page = Http.get(auth.url(location));
        assertEquals(200, page.statusCode(), page.body());
        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("gs_login_csrf=")).findFirst().orElseThrow();
        String cookieValue = cookie.substring("gs_login_csrf=".length(), cookie.indexOf(';'));
        return new LoginForm(hidden(page.body(), "request"), hidden(page.body(), "csrf_token"), cookieValue, page);
    }

    HttpResponse<String> submit(LoginForm form, String email, String password) {
        return submit(form.requestId(), form.csrf(), form.csrfCookie(), email, password);
    }

    /** The login form sent as if through the gateway from {@code sourceAddress} (the X-Real-IP it sets). */
    HttpResponse<String> submitFrom(String sourceAddress, LoginForm form, String email, String password) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("request", form.requestId());
        f.put("csrf_token", form.csrf());
        f.put("email", email);
        f.put("password", password);
        return Http.postForm(auth.url("/auth/login"), f, "Cookie", "gs_login_csrf=" + form.csrfCookie(),
                "X-Real-IP", sourceAddress);
    }

    HttpResponse<String> submit(String requestId, String csrf, String cookie, String email, String password) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("request", requestId);
        if (csrf != null) {
            f.put("csrf_token", csrf);
        }
        f.put("email", email);
        f.put("password", password);
        return cookie == null ? Http.postForm(auth.url("/auth/login"), f)
                : Http.postForm(auth.url("/auth/login"), f, "Cookie", "gs_login_csrf=" + cookie);
    }

    /** Logs in and returns the code delivered to the redirect URI (checking state and iss on the way). */
    String login(String email, String password) {
        HttpResponse<String> r = submit(openLogin(), email, password);
        assertEquals(303, r.statusCode(), r.body());
        Map<String, String> q = redirectParams(r);
        assertEquals(state, q.get("state"));
        assertEquals(auth.base, q.get("iss"));
        return q.get("code");
    }

    Map<String, String> redirectParams(HttpResponse<String> r) {
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(RunningAuth.REDIRECT + "?"), location);
        return query(URI.create(location).getRawQuery());
    }

    HttpResponse<String> exchange(String code, String redirectUri, String codeVerifier) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("client_id", RunningAuth.SPA);
        f.put("code", code);
        f.put("redirect_uri", redirectUri);
        f.put("code_verifier", codeVerifier);
        return Http.postForm(auth.url("/oauth2/token"), f);
    }

    JsonObject tokens(String email, String password) {
        HttpResponse<String> r = exchange(login(email, password), RunningAuth.REDIRECT, verifier);
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body());
    }

    /** A browser signed in through the login page: its session cookie ({@code gs_session=...}) and its tokens. */
    record SignedIn(String cookie, JsonObject tokens) {
    }

    SignedIn signIn(String email, String password) {
        HttpResponse<String> r = submit(openLogin(), email, password);
        assertEquals(303, r.statusCode(), r.body());
        String session = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gs_session="))
                .findFirst().orElseThrow();
        HttpResponse<String> t = exchange(redirectParams(r).get("code"), RunningAuth.REDIRECT, verifier);
        assertEquals(200, t.statusCode(), t.body());
        return new SignedIn(session.substring(0, session.indexOf(';')), json(t.body()));
    }

    /** A silent sign-in (authorize with the session cookie, no login page) and the code exchange. */
    JsonObject silentSignIn(String cookie) {
        HttpResponse<String> r = authorize(authorizeParams(), "Cookie", cookie);
        Map<String, String> q = redirectParams(r);
        HttpResponse<String> t = exchange(q.get("code"), RunningAuth.REDIRECT, verifier);
        assertEquals(200, t.statusCode(), t.body());
        return json(t.body());
    }

    static HttpResponse<String> refresh(RunningAuth auth, String refreshToken) {
        return Http.postForm(auth.url("/oauth2/token"), Map.of("grant_type", "refresh_token",
                "client_id", RunningAuth.SPA, "refresh_token", refreshToken));
    }

    /** An RFC 6749 section 5.2 error: application/json with exactly error and error_description, not cached. */
    static void assertOAuthError(HttpResponse<String> r, int status, String error) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"),
                r.headers().toString());
        JsonObject body = json(r.body());
        assertEquals(java.util.Set.of("error", "error_description"), body.keySet(), r.body());
        assertEquals(error, body.getString("error"));
        assertTrue(body.getString("error_description").chars().allMatch(c -> c >= 0x20 && c <= 0x7e
                && c != '"' && c != '\\'), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            m.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), "hidden field " + name + " in " + html);
        return m.group(1);
    }

    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
