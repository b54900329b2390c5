package dev.gatewaystack.auth;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OIDC RP-initiated log-out, from outside: the ended session's cookie is refused by the edge check and by silent
 * sign-in, and every token family that came from the session (the login's and a silent sign-in's) is revoked.
 * Also: a silent sign-in and a refresh keep the original auth_time.
 */
class SessionEndTest extends AgainstRunningAuth {
    private static final String PASSWORD = "correct horse battery";

    private String newUser() {
        String email = OAuthFlow.uniqueEmail("s");
        OAuthFlow.register(auth, email, PASSWORD);
        return email;
    }

    @Test
    void discoveryAnnouncesTheEndSessionEndpoint() {
        JsonObject meta = OAuthFlow.json(Http.get(auth.url("/.well-known/openid-configuration")).body());
        assertEquals(auth.base + "/oauth2/logout", meta.getString("end_session_endpoint"));
    }

    @Test
    void logOutEndsTheSessionAndItsTokenFamiliesEverywhere() throws Exception {
        OAuthFlow flow = new OAuthFlow(auth);
        OAuthFlow.SignedIn browser = flow.signIn(newUser(), PASSWORD);
        JsonObject silent = new OAuthFlow(auth).silentSignIn(browser.cookie());
        assertEquals(200, edgeWithCookie(browser.cookie()).statusCode());
        assertEquals(200, userinfo(silent.getString("access_token")).statusCode());

        Map<String, String> q = new LinkedHashMap<>();
        q.put("id_token_hint", browser.tokens().getString("id_token"));
        q.put("client_id", RunningAuth.SPA);
        q.put("post_logout_redirect_uri", RunningAuth.LOGGED_OUT);
        q.put("state", "st&te 1");
        HttpResponse<String> out = Http.get(auth.url("/oauth2/logout?" + Http.form(q)), "Cookie", browser.cookie());
        assertEquals(303, out.statusCode(), out.body());
        assertEquals(RunningAuth.LOGGED_OUT + "?state=st%26te+1", out.headers().firstValue("Location").orElseThrow());
        String expired = out.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gs_session="))
                .findFirst().orElseThrow();
        assertTrue(expired.startsWith("gs_session=;"), expired);
        java.util.regex.Matcher when = java.util.regex.Pattern.compile("Expires=([^;]+)").matcher(expired);
        assertTrue(when.find(), "the cookie must be expired, not emptied: " + expired);
        assertTrue(java.time.ZonedDateTime.parse(when.group(1), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant().isBefore(java.time.Instant.now()), expired);

        // The old cookie, kept by an attacker or a stale tab, no longer works anywhere.
        assertEquals(401, edgeWithCookie(browser.cookie()).statusCode());
        HttpResponse<String> again = new OAuthFlow(auth).authorize(new OAuthFlow(auth).authorizeParams(),
                "Cookie", browser.cookie());
        assertEquals(303, again.statusCode());
        assertTrue(again.headers().firstValue("Location").orElseThrow().startsWith("/auth/login?"),
                "silent sign-in must show the login page after log-out");

        // Both families of the session: access tokens refused, refresh tokens invalid_grant.
        for (JsonObject tokens : new JsonObject[] {browser.tokens(), silent}) {
            assertEquals(401, userinfo(tokens.getString("access_token")).statusCode());
            HttpResponse<String> r = OAuthFlow.refresh(auth, tokens.getString("refresh_token"));
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("invalid_grant", OAuthFlow.json(r.body()).getString("error"));
        }
    }

    @Test
    void aCodeIssuedBeforeLogOutIsWorthlessAfterIt() {
        OAuthFlow flow = new OAuthFlow(auth);
        OAuthFlow.SignedIn browser = flow.signIn(newUser(), PASSWORD);
        OAuthFlow late = new OAuthFlow(auth);
        String code = late.redirectParams(late.authorize(late.authorizeParams(), "Cookie", browser.cookie()))
                .get("code");
        HttpResponse<String> out = Http.postForm(auth.url("/oauth2/logout"),
                Map.of("id_token_hint", browser.tokens().getString("id_token")), "Cookie", browser.cookie());
        assertEquals(200, out.statusCode(), out.body());
        assertTrue(out.body().contains("signed out"), out.body());
        HttpResponse<String> r = late.exchange(code, RunningAuth.REDIRECT, late.verifier);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("invalid_grant", OAuthFlow.json(r.body()).getString("error"));
    }

    @Test
    void logOutWithoutCookieStillEndsTheSessionTheHintNames() {
        OAuthFlow.SignedIn browser = new OAuthFlow(auth).signIn(newUser(), PASSWORD);
        HttpResponse<String> out = Http.get(auth.url("/oauth2/logout?" + Http.form(
                Map.of("id_token_hint", browser.tokens().getString("id_token")))));
        assertEquals(200, out.statusCode(), out.body());
        assertEquals(401, edgeWithCookie(browser.cookie()).statusCode());
    }

    @Test
    void badLogOutRequestsAreRefusedAndEndNothing() {
        OAuthFlow.SignedIn browser = new OAuthFlow(auth).signIn(newUser(), PASSWORD);
        String hint = browser.tokens().getString("id_token");
        assertProblem(Http.get(auth.url("/oauth2/logout"), "Cookie", browser.cookie()));
        assertProblem(Http.get(auth.url("/oauth2/logout?" + Http.form(Map.of("id_token_hint", hint,
                "post_logout_redirect_uri", "https://evil.example/")))));
        assertProblem(Http.get(auth.url("/oauth2/logout?" + Http.form(Map.of("id_token_hint", hint,
                "post_logout_redirect_uri", RunningAuth.LOGGED_OUT + "x")))));
        assertProblem(Http.get(auth.url("/oauth2/logout?" + Http.form(Map.of("id_token_hint", hint,
                "client_id", "someone-else")))));
        // An access token is not an ID token, and a tampered ID token is not one of ours.
        assertProblem(Http.get(auth.url("/oauth2/logout?" + Http.form(Map.of("id_token_hint",
                browser.tokens().getString("access_token"))))));
        assertProblem(Http.get(auth.url("/oauth2/logout?" + Http.form(Map.of("id_token_hint",
                hint.substring(0, hint.length() - 4) + "AAAA")))));
        assertEquals(200, edgeWithCookie(browser.cookie()).statusCode(), "a refused log-out must end nothing");
        assertEquals(200, OAuthFlow.refresh(auth, browser.tokens().getString("refresh_token")).statusCode());
    }

    @Test
    void silentSignInAndRefreshKeepTheOriginalAuthTime() throws Exception {
        OAuthFlow.SignedIn browser = new OAuthFlow(auth).signIn(newUser(), PASSWORD);
        var first = SignedJWT.parse(browser.tokens().getString("id_token")).getJWTClaimsSet();
        long authTime = first.getLongClaim("auth_time");
        assertNotNull(first.getStringClaim("sid"));
        Thread.sleep(1_500);

        JsonObject silent = new OAuthFlow(auth).silentSignIn(browser.cookie());
        var second = SignedJWT.parse(silent.getString("id_token")).getJWTClaimsSet();
        assertEquals(authTime, second.getLongClaim("auth_time"), "silent sign-in is not a new authentication");
        assertTrue(second.getIssueTime().getTime() / 1000 > authTime, "the new ID token is issued later");
        assertEquals(first.getStringClaim("sid"), second.getStringClaim("sid"));

        HttpResponse<String> r = OAuthFlow.refresh(auth, silent.getString("refresh_token"));
        assertEquals(200, r.statusCode(), r.body());
        var refreshed = SignedJWT.parse(OAuthFlow.json(r.body()).getString("id_token")).getJWTClaimsSet();
        assertEquals(authTime, refreshed.getLongClaim("auth_time"));
    }

    @Test
    void anotherReplicaRefusesTheEndedSessionWithinSeconds() throws Exception {
        TestServers.Db db = TestServers.createDatabase();
        Map<String, String> shared = Map.of("auth.issuer", "http://127.0.0.1:1");
        RunningAuth a = RunningAuth.start(db, shared);
        RunningAuth b = RunningAuth.start(db, shared);
        try {
            String email = OAuthFlow.uniqueEmail("r");
            OAuthFlow.register(a, email, PASSWORD);
            OAuthFlow.SignedIn browser = new OAuthFlow(a).signIn(email, PASSWORD);
            assertEquals(200, Http.get(b.url("/internal/edge-auth"), "Cookie", browser.cookie()).statusCode());
            assertEquals(200, Http.get(a.url("/oauth2/logout?" + Http.form(Map.of("id_token_hint",
                    browser.tokens().getString("id_token"))))).statusCode());
            long deadline = System.nanoTime() + 5_000_000_000L;
            int status;
            do {
                Thread.sleep(100);
                status = Http.get(b.url("/internal/edge-auth"), "Cookie", browser.cookie()).statusCode();
            } while (status == 200 && System.nanoTime() < deadline);
            assertEquals(401, status, "replica B must refuse the ended session after one revocation poll (0.5 s)");
            assertEquals(401, Http.get(b.url("/oauth2/userinfo"), "Authorization",
                    "Bearer " + browser.tokens().getString("access_token")).statusCode());
        } finally {
            b.stop();
            a.close();
        }
    }

    @Test
    void logOutRevokesACookieThatHasNoSessionRow() throws Exception {
        OAuthFlow.SignedIn browser = new OAuthFlow(auth).signIn(newUser(), PASSWORD);
        String jti = SignedJWT.parse(browser.cookie().substring(browser.cookie().indexOf('=') + 1))
                .getJWTClaimsSet().getJWTID();
        // As for a cookie signed before migration V2 recorded sessions.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(auth.db.url(), auth.db.user(),
                auth.db.password());
             java.sql.PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
            ps.setString(1, jti);
            assertEquals(1, ps.executeUpdate());
        }
        assertEquals(200, edgeWithCookie(browser.cookie()).statusCode(), "an unrecorded cookie still signs in");
        Map<String, String> q = Map.of("id_token_hint", browser.tokens().getString("id_token"));
        HttpResponse<String> out = Http.get(auth.url("/oauth2/logout?" + Http.form(q)), "Cookie", browser.cookie());
        assertEquals(200, out.statusCode(), out.body());
        assertEquals(401, edgeWithCookie(browser.cookie()).statusCode(), "log-out must revoke the cookie's jti");
    }

    private HttpResponse<String> edgeWithCookie(String cookie) {
        return Http.get(auth.url("/internal/edge-auth"), "Cookie", cookie);
    }

    private HttpResponse<String> userinfo(String accessToken) {
        return Http.get(auth.url("/oauth2/userinfo"), "Authorization", "Bearer " + accessToken);
    }

    private static void assertProblem(HttpResponse<String> r) {
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
    }
}
