package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.AuthSettings;
import dev.gatewaystack.auth.session.Sessions;
import dev.gatewaystack.auth.token.TokenVerifier;
import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestLogContext;
import dev.gatewaystack.auth.web.RequestParts;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.RateLimit;
import dev.gatewaystack.route.Route;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The authorization endpoint: authorization code with PKCE (S256 only) for the public SPA client. The client and the
 * exact redirect_uri are checked first; until both are valid, errors are shown here and never redirected (an open
 * redirector otherwise). A browser with a valid session gets its code at once; others go to the login page.
 */
public final class AuthorizeHandler {
    private final AuthSettings settings;
    private final ClientRegistry clients;
    private final Grants grants;
    private final TokenVerifier verifier;
    private final Sessions sessions;

    public AuthorizeHandler(AuthSettings settings, ClientRegistry clients, Grants grants, TokenVerifier verifier,
                            Sessions sessions) {
        this.settings = settings;
        this.clients = clients;
        this.grants = grants;
        this.verifier = verifier;
        this.sessions = sessions;
    }

    // Anonymous calls create a pending row each (purged when expired): limited per address at the gateway.
    @Route(path = "/oauth2/authorize", methods = HttpMethod.GET)
    @RateLimit(rate = "60r/m", burst = 30)
    public void authorize(ServerRequest req, ServerResponse res) {
        String clientId = RequestParts.query(req, "client_id").orElse(null);
        Client client = clients.find(clientId).filter(Client::isPublic).orElseThrow(() ->
                Problem.oauth(400, "invalid_client", clientId == null ? "client_id is required"
                        : "unknown client_id; the authorization request cannot proceed"));
        String redirectUri = RequestParts.query(req, "redirect_uri").orElse(null);
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            throw Problem.oauth(400, "invalid_request",
                    "redirect_uri must exactly match one registered for the client");
        }
        String state;
        try {
            state = RequestParts.query(req, "state").orElse(null);
        } catch (Problem p) {
            redirect(res, redirectUri, error("invalid_request", p.detail()));
            return;
        }
        try {
            authorize(req, res, client, redirectUri, state);
        } catch (Problem p) {
            if (p.status().code() >= 500) {
                throw p;
            }
            // Once the client and redirect_uri are known good, refusals go back to the client (RFC 6749 4.1.2.1).
            redirect(res, redirectUri, withState(error("invalid_request", p.detail()), state));
        }
    }

    private void authorize(ServerRequest req, ServerResponse res, Client client, String redirectUri, String state) {
        Map<String, String> error = check(req, client);
        if (!error.isEmpty()) {
            redirect(res, redirectUri, withState(error, state));
            return;
        }
        String scope = scope(req);
        String nonce = RequestParts.query(req, "nonce").orElse(null);
        String challenge = RequestParts.query(req, "code_challenge").orElseThrow();
        boolean forceLogin = RequestParts.query(req, "prompt").map(p -> p.contains("login")).orElse(false);

        Optional<Sessions.Session> session = forceLogin ? Optional.empty()
                : RequestParts.cookie(req, Cookies.SESSION).flatMap(this::session);
        if (session.isPresent()) {
            RequestLogContext.authenticated(session.get().userId().toString());
            // The session's own auth_time: a silent sign-in is not a new authentication.
            String code = grants.codeForSession(client.id(), redirectUri, scope, nonce, challenge, session.get());
            Map<String, String> params = new LinkedHashMap<>();
            params.put("code", code);
            redirect(res, redirectUri, withState(params, state));
            return;
        }
        PendingAuthorization pending = grants.createPending(client.id(), redirectUri, scope, state, nonce, challenge);
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, "/auth/login?request=" + pending.id());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send();
    }

    /** A cookie that verifies (signature, expiry, revocation list) AND whose session is still live in the table. */
    private Optional<Sessions.Session> session(String cookie) {
        try {
            Caller v = verifier.verifySession(cookie);
            return sessions.live(v.jti()).filter(s -> s.userId().toString().equals(v.userId()));
        } catch (TokenVerifier.InvalidToken e) {
            return Optional.empty();
        }
    }

    private Map<String, String> check(ServerRequest req, Client client) {
        String responseType = RequestParts.query(req, "response_type").orElse(null);
        if (!"code".equals(responseType)) {
            return error("unsupported_response_type", "response_type must be code");
        }
        Optional<String> challenge = RequestParts.query(req, "code_challenge");
        String method = RequestParts.query(req, "code_challenge_method").orElse("plain");
        if (challenge.isEmpty()) {
            return error("invalid_request", "code_challenge is required (PKCE)");
        }
        if (!"S256".equals(method)) {
            return error("invalid_request", "code_challenge_method must be S256");
        }
        if (!Pkce.CHALLENGE.matcher(challenge.get()).matches()) {
            return error("invalid_request", "code_challenge must be a base64url SHA-256 digest");
        }
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope(req).split(" ")));
        if (!client.scopes().containsAll(requested)) {
            return error("invalid_scope", "allowed scopes: " + String.join(" ", client.scopes()));
        }
        return Map.of();
    }

    private static String scope(ServerRequest req) {
        String s = RequestParts.query(req, "scope").orElse("openid").trim();
        return String.join(" ", new LinkedHashSet<>(Arrays.asList(s.split("\\s+"))));
    }

    private Map<String, String> error(String code, String description) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("error_description", description);
        return m;
    }

    private static Map<String, String> withState(Map<String, String> params, String state) {
        Map<String, String> m = new LinkedHashMap<>(params);
        if (state != null) {
            m.put("state", state);
        }
        return m;
    }

    /** 303 to the client's redirect_uri with the given parameters and {@code iss} (RFC 9207). */
    void redirect(ServerResponse res, String redirectUri, Map<String, String> params) {
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, location(redirectUri, params, settings.issuer()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send();
    }

    static String location(String redirectUri, Map<String, String> params, String issuer) {
        StringBuilder sb = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("iss", issuer);
        all.forEach((k, v) -> sb.append(enc(k)).append('=').append(enc(v)).append('&'));
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
