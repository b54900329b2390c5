package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.AuthSettings;
import dev.gatewaystack.auth.session.Sessions;
import dev.gatewaystack.auth.token.TokenVerifier;
import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestLogContext;
import dev.gatewaystack.auth.web.RequestParts;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.RateLimit;
import dev.gatewaystack.route.Route;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

/**
 * OIDC RP-Initiated Logout 1.0 ({@code end_session_endpoint}), GET or POST. The {@code id_token_hint} is required:
 * it proves which user and session the relying party asks to end, so a cross-site link cannot sign anyone out.
 * The session it names ({@code sid}) and the browser's own session cookie (when it is the same user's) are ended
 * server-side (cookie refused everywhere, token families revoked) and the cookie is expired. A
 * {@code post_logout_redirect_uri} must exactly match one registered for the client; it gets {@code state} back.
 */
public final class EndSessionHandler {
    private static final HttpMediaType HTML = HttpMediaType.create("text/html; charset=UTF-8");

    private final AuthSettings settings;
    private final ClientRegistry clients;
    private final TokenVerifier verifier;
    private final Sessions sessions;

    public EndSessionHandler(AuthSettings settings, ClientRegistry clients, TokenVerifier verifier,
                             Sessions sessions) {
        this.settings = settings;
        this.clients = clients;
        this.verifier = verifier;
        this.sessions = sessions;
    }

    @Route(path = "/oauth2/logout", methods = HttpMethod.GET)
    @RateLimit(rate = "30r/m", burst = 10)
    public void endSessionGet(ServerRequest req, ServerResponse res) {
        endSession(req, res, name -> RequestParts.query(req, name).orElse(null));
    }

    @Route(path = "/oauth2/logout", methods = HttpMethod.POST)
    @RateLimit(rate = "30r/m", burst = 10)
    @MaxBodySize("16k")
    public void endSessionPost(ServerRequest req, ServerResponse res) {
        Parameters form = RequestParts.form(req);
        endSession(req, res, name -> RequestParts.single(form, name));
    }

    private void endSession(ServerRequest req, ServerResponse res, Function<String, String> param) {
        String hintToken = param.apply("id_token_hint");
        if (hintToken == null) {
            throw invalid("id_token_hint is required: it names the user and session to end");
        }
        TokenVerifier.IdTokenHint hint;
        try {
            hint = verifier.verifyIdTokenHint(hintToken);
        } catch (TokenVerifier.InvalidToken e) {
            throw invalid("id_token_hint is not an ID token issued by this provider");
        }
        String clientId = param.apply("client_id");
        if (clientId != null && !hint.audience().contains(clientId)) {
            throw invalid("client_id is not the audience of id_token_hint");
        }
        Client client = clients.find(clientId != null ? clientId : hint.audience().getFirst())
                .filter(Client::isPublic)
                .orElseThrow(() -> invalid("id_token_hint was not issued to a client that signs users in"));
        String redirect = param.apply("post_logout_redirect_uri");
        if (redirect != null && !client.postLogoutRedirectUris().contains(redirect)) {
            throw invalid("post_logout_redirect_uri must exactly match one registered for the client");
        }
        String state = param.apply("state");

        UUID user;
        try {
            user = UUID.fromString(hint.subject());
        } catch (IllegalArgumentException e) {
            throw invalid("id_token_hint does not name a user");
        }
        RequestLogContext.authenticated(hint.subject());
        if (hint.sessionId() != null) {
            sessions.end(hint.sessionId(), user, "log-out");
        }
        RequestParts.cookie(req, Cookies.SESSION).ifPresent(cookie -> {
            try {
                Caller v = verifier.verifySession(cookie);
                if (v.userId().equals(hint.subject()) && !sessions.end(v.jti(), user, "log-out")) {
                    // No row to end (a cookie from before sessions were recorded, or already ended): the cookie
                    // itself is verified and the user's, so its jti is revoked all the same.
                    sessions.revokeUnrecorded(v.jti(), v.expiresAt());
                }
            } catch (TokenVerifier.InvalidToken e) {
                // already invalid: expiring it below is all that is left
            }
        });

        res.headers().addCookie(Cookies.session(settings, "", Duration.ZERO));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (redirect != null) {
            res.status(Status.SEE_OTHER_303);
            res.header(HeaderNames.LOCATION, state == null ? redirect
                    : redirect + (redirect.contains("?") ? '&' : '?') + "state="
                    + URLEncoder.encode(state, StandardCharsets.UTF_8));
            res.send();
            return;
        }
        res.headers().contentType(HTML);
        res.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        res.send("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signed out</title></head>"
                + "<body><p>You are signed out.</p></body></html>");
    }

    private static Problem invalid(String detail) {
        return Problem.of(400, "Bad Request", detail);
    }
}
