package dev.gatewaystack.auth.edge;

import dev.gatewaystack.auth.oauth.Cookies;
import dev.gatewaystack.auth.token.TokenVerifier;
import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestLogContext;
import dev.gatewaystack.auth.web.RequestParts;
import dev.gatewaystack.route.EdgeAuthVerifier;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Visibility;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Optional;

/**
 * The gateway's {@code auth_request} target. Validates the bearer access token, or else the session cookie,
 * entirely in memory (keys and revocations are cached), and answers 200 with {@code X-Auth-User} and
 * {@code X-Auth-Roles}, 401 without a valid credential, or 403 when the role in {@code ?role=} is missing.
 */
public final class EdgeAuthHandler {
    private final TokenVerifier verifier;

    public EdgeAuthHandler(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Route(path = "/internal/edge-auth", methods = HttpMethod.GET, visibility = Visibility.INTERNAL)
    @EdgeAuthVerifier
    public void check(ServerRequest req, ServerResponse res) {
        Optional<String> bearer = RequestParts.bearer(req);
        Caller v;
        try {
            if (bearer.isPresent()) {
                v = verifier.verifyAccessToken(bearer.get());
            } else {
                v = verifier.verifySession(RequestParts.cookie(req, Cookies.SESSION).orElse(null));
            }
        } catch (TokenVerifier.InvalidToken e) {
            throw Problem.of(401, "Unauthorized", "a valid bearer token or session is required")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        RequestLogContext.authenticated(v.userId());
        Optional<String> role = RequestParts.query(req, "role");
        if (role.isPresent() && !v.roles().contains(role.get())) {
            throw Problem.of(403, "Forbidden", "role " + role.get() + " is required");
        }
        res.header("X-Auth-User", v.userId());
        res.header("X-Auth-Roles", String.join(",", v.roles()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send();
    }
}
