package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.AuthSettings;
import dev.gatewaystack.auth.crypto.Secrets;
import dev.gatewaystack.auth.observe.AuthMetrics;
import dev.gatewaystack.auth.session.Sessions;
import dev.gatewaystack.auth.throttle.LoginThrottle;
import dev.gatewaystack.auth.token.TokenIssuer;
import dev.gatewaystack.auth.user.User;
import dev.gatewaystack.auth.user.UserService;
import dev.gatewaystack.auth.web.ClientAddress;
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

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The login page of a pending authorization request. The CSRF token is bound to the request (stored with it) and
 * double-submitted: the form field and a SameSite=Strict cookie must both equal it, so another site can neither
 * post the form nor log the browser into an attacker's account.
 */
public final class LoginHandler {
    private static final HttpMediaType HTML = HttpMediaType.create("text/html; charset=UTF-8");

    private final AuthSettings settings;
    private final Grants grants;
    private final UserService users;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final ClientAddress addresses;
    private final AuthMetrics metrics;

    public LoginHandler(AuthSettings settings, Grants grants, UserService users, LoginThrottle throttle,
                        Sessions sessions, ClientAddress addresses, AuthMetrics metrics) {
        this.settings = settings;
        this.grants = grants;
        this.users = users;
        this.throttle = throttle;
        this.sessions = sessions;
        this.addresses = addresses;
        this.metrics = metrics;
    }

    @Route(path = "/auth/login", methods = HttpMethod.GET)
    @RateLimit(rate = "30r/m", burst = 20)
    public void page(ServerRequest req, ServerResponse res) {
        PendingAuthorization p = pending(RequestParts.query(req, "request").orElse(null));
        res.headers().addCookie(Cookies.loginCsrf(settings, p.csrfToken(), settings.loginTtl()));
        sendPage(res, Status.OK_200, p, null, null);
    }

    @Route(path = "/auth/login", methods = HttpMethod.POST)
    @RateLimit(rate = "10r/m", burst = 10)
    @MaxBodySize("16k")
    public void submit(ServerRequest req, ServerResponse res) {
        Parameters form = RequestParts.form(req);
        PendingAuthorization p = pending(RequestParts.single(form, "request"));
        String formToken = RequestParts.single(form, "csrf_token");
        String cookieToken = RequestParts.cookie(req, Cookies.LOGIN_CSRF).orElse(null);
        if (!Secrets.constantTimeEquals(formToken, p.csrfToken())
                || !Secrets.constantTimeEquals(cookieToken, p.csrfToken())) {
            throw Problem.of(403, "Forbidden", "the login form's CSRF token is missing or does not match; "
                    + "reload the sign-in page and try again");
        }
        String email = RequestParts.single(form, "email");
        String password = RequestParts.single(form, "password");
        String source = addresses.of(req);
        Optional<Duration> locked = throttle.lockedFor(email, source);
        if (locked.isPresent()) {
            metrics.loginThrottled();
            res.header(HeaderNames.RETRY_AFTER, LoginThrottle.retryAfter(locked.get()));
            sendPage(res, Status.TOO_MANY_REQUESTS_429, p, email,
                    "Too many failed attempts. Try again in " + LoginThrottle.retryAfter(locked.get()) + " s.");
            return;
        }
        Optional<User> user = users.authenticate(email, password);
        if (user.isEmpty()) {
            metrics.loginFailed();
            Optional<Duration> lock = throttle.failed(email, source);
            if (lock.isPresent()) {
                res.header(HeaderNames.RETRY_AFTER, LoginThrottle.retryAfter(lock.get()));
                sendPage(res, Status.TOO_MANY_REQUESTS_429, p, email,
                        "Too many failed attempts. Try again in " + LoginThrottle.retryAfter(lock.get()) + " s.");
            } else {
                sendPage(res, Status.UNAUTHORIZED_401, p, email, "Wrong e-mail or password.");
            }
            return;
        }
        throttle.succeeded(email, source);
        RequestLogContext.authenticated(user.get().id().toString());
        metrics.loginSucceeded();
        Instant authTime = Instant.now();
        TokenIssuer.Issued session = sessions.start(user.get().id(), user.get().roles(), authTime);
        String code = grants.complete(p, user.get().id(), authTime, session.jti()).orElseThrow(() ->
                Problem.of(400, "Bad Request", "this sign-in request was already completed; start again"));
        res.headers().addCookie(Cookies.session(settings, session.value(), settings.sessionTtl()));
        res.headers().addCookie(Cookies.loginCsrf(settings, "", Duration.ZERO));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        if (p.state() != null) {
            params.put("state", p.state());
        }
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, AuthorizeHandler.location(p.redirectUri(), params, settings.issuer()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send();
    }

    private PendingAuthorization pending(String id) {
        return grants.pending(id).orElseThrow(() -> Problem.of(400, "Bad Request",
                "unknown or expired sign-in request; start again from the application"));
    }

    private void sendPage(ServerResponse res, Status status, PendingAuthorization p, String email, String message) {
        URI target = URI.create(p.redirectUri());
        String targetOrigin = target.getScheme() + "://" + target.getRawAuthority();
        res.status(status);
        res.headers().contentType(HTML);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header("Content-Security-Policy", "default-src 'none'; form-action 'self' " + targetOrigin
                + "; frame-ancestors 'none'; base-uri 'none'");
        res.header("X-Frame-Options", "DENY");
        res.header("Referrer-Policy", "no-referrer");
        res.send(LoginPage.render(p.id(), p.csrfToken(), email, message));
    }
}
