package dev.gatewaystack.auth;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authorization code + PKCE end to end over HTTP against a real server, PostgreSQL and RabbitMQ. */
class AuthorizationCodeFlowTest extends AgainstRunningAuth {
    private static final String PASSWORD = "correct horse battery";

    private String newUser() {
        String email = OAuthFlow.uniqueEmail("u");
        OAuthFlow.register(auth, email, PASSWORD);
        return email;
    }

    @Test
    void codeFlowIssuesSignedAccessAndIdTokens() throws Exception {
        String email = newUser();
        OAuthFlow flow = new OAuthFlow(auth);
        JsonObject tokens = flow.tokens(email, PASSWORD);
        assertEquals("Bearer", tokens.getString("token_type"));
        assertEquals(600, tokens.getInt("expires_in"));
        assertEquals("openid email ledger", tokens.getString("scope"));

        SignedJWT access = SignedJWT.parse(tokens.getString("access_token"));
        assertEquals("RS256", access.getHeader().getAlgorithm().getName());
        assertTrue(auth.service.keys().current().published().getKeyByKeyId(access.getHeader().getKeyID()) != null);
        var claims = access.getJWTClaimsSet();
        assertEquals(auth.base, claims.getIssuer());
        assertEquals(List.of("gatewaystack-api"), claims.getAudience());
        assertEquals(List.of("user"), claims.getStringListClaim("roles"));
        assertEquals("openid email ledger", claims.getStringClaim("scope"));
        assertEquals(RunningAuth.SPA, claims.getStringClaim("client_id"));
        UUID.fromString(claims.getSubject());
        long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
        assertEquals(600_000, lifetime);
        assertTrue(claims.getJWTID() != null && claims.getNotBeforeTime() != null);

        SignedJWT id = SignedJWT.parse(tokens.getString("id_token"));
        assertEquals(List.of(RunningAuth.SPA), id.getJWTClaimsSet().getAudience());
        assertEquals(flow.nonce, id.getJWTClaimsSet().getStringClaim("nonce"));
        assertEquals(claims.getSubject(), id.getJWTClaimsSet().getSubject());

        HttpResponse<String> userinfo = Http.get(auth.url("/oauth2/userinfo"),
                "Authorization", "Bearer " + tokens.getString("access_token"));
        assertEquals(200, userinfo.statusCode(), userinfo.body());
        assertEquals(email, OAuthFlow.json(userinfo.body()).getString("email"));
        assertEquals(claims.getSubject(), OAuthFlow.json(userinfo.body()).getString("sub"));
    }

    @Test
    void loginPageIsCsrfProtectedAndScriptFree() {
        String email = newUser();
        OAuthFlow flow = new OAuthFlow(auth);
        OAuthFlow.LoginForm form = flow.openLogin();
        assertFalse(form.page().body().contains("<script"), form.page().body());
        String csp = form.page().headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertTrue(form.page().headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.contains("gs_login_csrf") && c.contains("HttpOnly") && c.contains("SameSite=Strict")));

        assertEquals(403, flow.submit(form.requestId(), null, form.csrfCookie(), email, PASSWORD).statusCode());
        assertEquals(403, flow.submit(form.requestId(), form.csrf(), null, email, PASSWORD).statusCode());
        assertEquals(403, flow.submit(form.requestId(), "forged", "forged", email, PASSWORD).statusCode());
        // A token bound to another authorization request does not fit this one.
        OAuthFlow.LoginForm other = new OAuthFlow(auth).openLogin();
        HttpResponse<String> crossed = flow.submit(form.requestId(), other.csrf(), other.csrfCookie(), email, PASSWORD);
        assertEquals(403, crossed.statusCode());
        assertTrue(crossed.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        // The genuine form still works, once.
        assertEquals(303, flow.submit(form, email, PASSWORD).statusCode());
        assertEquals(400, flow.submit(form, email, PASSWORD).statusCode());
    }

    @Test
    void wrongPasswordShowsTheFormAgainAndRepeatedFailuresAreThrottled() {
        String email = newUser();
        OAuthFlow flow = new OAuthFlow(auth);
        OAuthFlow.LoginForm form = flow.openLogin();
        HttpResponse<String> wrong = flow.submit(form, email, "not the password");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("Wrong e-mail or password"));
        assertEquals(401, flow.submit(form, email, "not the password").statusCode());
        HttpResponse<String> third = flow.submit(form, email, "not the password");
        assertEquals(429, third.statusCode(), "threshold 3 reached");
        assertEquals("2", third.headers().firstValue("Retry-After").orElseThrow());
        // Locked: even the right password gets 429 until the backoff has passed.
        HttpResponse<String> locked = flow.submit(form, email, PASSWORD);
        assertEquals(429, locked.statusCode());
        assertTrue(Integer.parseInt(locked.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }

    @Test
    void refreshTokensRotateAndReuseRevokesTheFamily() {
        String email = newUser();
        JsonObject first = new OAuthFlow(auth).tokens(email, PASSWORD);
        String r1 = first.getString("refresh_token");

        HttpResponse<String> rotated = OAuthFlow.refresh(auth, r1);
        assertEquals(200, rotated.statusCode(), rotated.body());
        JsonObject second = OAuthFlow.json(rotated.body());
        String r2 = second.getString("refresh_token");
        assertNotEquals(r1, r2);
        assertEquals(200, edge("Bearer " + second.getString("access_token")).statusCode());

        HttpResponse<String> reuse = OAuthFlow.refresh(auth, r1);
        assertEquals(400, reuse.statusCode());
        assertEquals("invalid_grant", OAuthFlow.json(reuse.body()).getString("error"));
        // The whole family is gone: the newest refresh token and the live access tokens of the family.
        assertEquals(400, OAuthFlow.refresh(auth, r2).statusCode());
        assertEquals(401, edge("Bearer " + second.getString("access_token")).statusCode());
        assertEquals(401, edge("Bearer " + first.getString("access_token")).statusCode());
    }

    @Test
    void codeIsSingleUseAndReuseRevokesWhatItProduced() {
        String email = newUser();
        OAuthFlow flow = new OAuthFlow(auth);
        String code = flow.login(email, PASSWORD);
        HttpResponse<String> ok = flow.exchange(code, RunningAuth.REDIRECT, flow.verifier);
        assertEquals(200, ok.statusCode());
        String access = OAuthFlow.json(ok.body()).getString("access_token");
        HttpResponse<String> again = flow.exchange(code, RunningAuth.REDIRECT, flow.verifier);
        assertEquals(400, again.statusCode());
        assertEquals("invalid_grant", OAuthFlow.json(again.body()).getString("error"));
        assertEquals(401, edge("Bearer " + access).statusCode());
        assertEquals(400, OAuthFlow.refresh(auth, OAuthFlow.json(ok.body()).getString("refresh_token")).statusCode());
    }

    @Test
    void pkceVerifierMismatchIsRejectedAndBurnsTheCode() {
        String email = newUser();
        OAuthFlow flow = new OAuthFlow(auth);
        String code = flow.login(email, PASSWORD);
        HttpResponse<String> wrong = flow.exchange(code, RunningAuth.REDIRECT, OAuthFlow.random());
        assertEquals(400, wrong.statusCode());
        assertEquals("invalid_grant", OAuthFlow.json(wrong.body()).getString("error"));
        OAuthFlow.assertOAuthError(wrong, 400, "invalid_grant");
        assertEquals(400, flow.exchange(code, RunningAuth.REDIRECT, flow.verifier).statusCode());
    }

    @Test
    void missingVerifierIsRejected() {
        OAuthFlow flow = new OAuthFlow(auth);
        String code = flow.login(newUser(), PASSWORD);
        HttpResponse<String> r = Http.postForm(auth.url("/oauth2/token"), Map.of("grant_type", "authorization_code",
                "client_id", RunningAuth.SPA, "code", code, "redirect_uri", RunningAuth.REDIRECT));
        assertEquals(400, r.statusCode());
    }

    @Test
    void redirectUriMustMatchExactly() {
        OAuthFlow flow = new OAuthFlow(auth);
        for (String bad : List.of(RunningAuth.REDIRECT + "/", RunningAuth.REDIRECT + "?x=1",
                "http://127.0.0.1:9/CALLBACK", "https://evil.example/callback")) {
            Map<String, String> p = flow.authorizeParams();
            p.put("redirect_uri", bad);
            HttpResponse<String> r = flow.authorize(p);
            assertEquals(400, r.statusCode(), bad);
            assertTrue(r.headers().firstValue("Location").isEmpty(), "never redirects to an unregistered URI");
        }
        // At the token endpoint: another registered URI than the one of the authorization request.
        String code = flow.login(newUser(), PASSWORD);
        HttpResponse<String> r = flow.exchange(code, "http://127.0.0.1:9/other", flow.verifier);
        assertEquals(400, r.statusCode());
        assertEquals("invalid_grant", OAuthFlow.json(r.body()).getString("error"));
    }

    @Test
    void unknownClientIsRejectedAtBothEndpoints() {
        OAuthFlow flow = new OAuthFlow(auth);
        Map<String, String> p = flow.authorizeParams();
        p.put("client_id", "nobody");
        // Not redirectable (the redirect_uri cannot be trusted): shown to the user as a problem, never redirected.
        HttpResponse<String> r = flow.authorize(p);
        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        assertTrue(r.headers().firstValue("Location").isEmpty());
        assertTrue(OAuthFlow.json(r.body()).getString("detail").contains("client_id"), r.body());

        HttpResponse<String> t = Http.postForm(auth.url("/oauth2/token"), Map.of("grant_type", "refresh_token",
                "client_id", "nobody", "refresh_token", "x"));
        OAuthFlow.assertOAuthError(t, 401, "invalid_client");
        assertTrue(t.headers().firstValue("WWW-Authenticate").isPresent(), "RFC 6749 5.2: 401 names the scheme");
    }

    @Test
    void pkceIsMandatoryAndS256Only() {
        OAuthFlow flow = new OAuthFlow(auth);
        Map<String, String> plain = flow.authorizeParams();
        plain.put("code_challenge_method", "plain");
        Map<String, String> q = flow.redirectParams(flow.authorize(plain));
        assertEquals("invalid_request", q.get("error"));
        assertTrue(q.get("error_description").contains("S256"), q.toString());
        assertEquals(flow.state, q.get("state"));
        assertEquals(auth.base, q.get("iss"));

        Map<String, String> none = flow.authorizeParams();
        none.remove("code_challenge");
        none.remove("code_challenge_method");
        assertEquals("invalid_request", flow.redirectParams(flow.authorize(none)).get("error"));

        Map<String, String> token = flow.authorizeParams();
        token.put("response_type", "token");
        assertEquals("unsupported_response_type", flow.redirectParams(flow.authorize(token)).get("error"));

        Map<String, String> scope = flow.authorizeParams();
        scope.put("scope", "openid admin");
        assertEquals("invalid_scope", flow.redirectParams(flow.authorize(scope)).get("error"));
    }

    @Test
    void revokedRefreshAndAccessTokensStopWorking() {
        String email = newUser();
        JsonObject tokens = new OAuthFlow(auth).tokens(email, PASSWORD);
        HttpResponse<String> revoke = Http.postForm(auth.url("/oauth2/revoke"), Map.of(
                "client_id", RunningAuth.SPA, "token", tokens.getString("refresh_token")));
        assertEquals(200, revoke.statusCode());
        assertEquals(400, OAuthFlow.refresh(auth, tokens.getString("refresh_token")).statusCode());
        assertEquals(401, edge("Bearer " + tokens.getString("access_token")).statusCode());

        JsonObject other = new OAuthFlow(auth).tokens(email, PASSWORD);
        assertEquals(200, Http.postForm(auth.url("/oauth2/revoke"), Map.of("client_id", RunningAuth.SPA,
                "token", other.getString("access_token"), "token_type_hint", "access_token")).statusCode());
        HttpResponse<String> userinfo = Http.get(auth.url("/oauth2/userinfo"),
                "Authorization", "Bearer " + other.getString("access_token"));
        assertEquals(401, userinfo.statusCode());
        assertTrue(userinfo.headers().firstValue("WWW-Authenticate").orElseThrow().contains("invalid_token"));
        // The refresh token of that login is untouched by revoking one access token.
        assertEquals(200, OAuthFlow.refresh(auth, other.getString("refresh_token")).statusCode());
        // Unknown tokens: 200 as RFC 7009 says; unknown client: 401.
        assertEquals(200, Http.postForm(auth.url("/oauth2/revoke"), Map.of("client_id", RunningAuth.SPA,
                "token", "garbage")).statusCode());
        assertEquals(401, Http.postForm(auth.url("/oauth2/revoke"), Map.of("client_id", "nobody",
                "token", "garbage")).statusCode());
    }

    @Test
    void sessionCookieSkipsTheLoginPageUnlessPromptLogin() {
        String email = newUser();
        OAuthFlow flow = new OAuthFlow(auth);
        HttpResponse<String> r = flow.submit(flow.openLogin(), email, PASSWORD);
        String session = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gs_session="))
                .findFirst().orElseThrow();
        assertTrue(session.contains("HttpOnly"));
        String cookie = session.substring(0, session.indexOf(';'));

        HttpResponse<String> sso = flow.authorize(flow.authorizeParams(), "Cookie", cookie);
        Map<String, String> q = flow.redirectParams(sso);
        assertEquals(200, flow.exchange(q.get("code"), RunningAuth.REDIRECT, flow.verifier).statusCode());

        Map<String, String> forced = flow.authorizeParams();
        forced.put("prompt", "login");
        assertTrue(flow.authorize(forced, "Cookie", cookie).headers().firstValue("Location").orElseThrow()
                .startsWith("/auth/login"));
    }

    private HttpResponse<String> edge(String authorization) {
        return Http.get(auth.url("/internal/edge-auth"), "Authorization", authorization);
    }
}
