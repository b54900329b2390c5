package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.token.TokenVerifier;
import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.auth.user.User;
import dev.gatewaystack.auth.user.UserService;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestLogContext;
import dev.gatewaystack.auth.web.RequestParts;
import dev.gatewaystack.route.Authenticated;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Route;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.util.Optional;
import java.util.UUID;

/** OIDC UserInfo: the claims of the user an access token (with scope openid) was issued for. */
public final class UserinfoHandler {
    private final TokenVerifier verifier;
    private final UserService users;

    public UserinfoHandler(TokenVerifier verifier, UserService users) {
        this.verifier = verifier;
        this.users = users;
    }

    @Route(path = "/oauth2/userinfo", methods = {HttpMethod.GET, HttpMethod.POST})
    @Authenticated
    public void userinfo(ServerRequest req, ServerResponse res) {
        String token = RequestParts.bearer(req).orElseThrow(() -> invalidToken("a bearer access token is required"));
        Caller v;
        try {
            v = verifier.verifyAccessToken(token);
        } catch (TokenVerifier.InvalidToken e) {
            throw invalidToken("the access token is invalid, expired or revoked");
        }
        RequestLogContext.authenticated(v.userId());
        if (!v.hasScope("openid")) {
            throw Problem.oauth(403, "insufficient_scope", "the access token lacks scope openid")
                    .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"openid\"");
        }
        Optional<User> user;
        try {
            user = users.byId(UUID.fromString(v.userId()));
        } catch (IllegalArgumentException e) {
            user = Optional.empty();
        }
        User u = user.orElseThrow(() -> invalidToken("the token's subject is not a user"));
        JsonObjectBuilder body = Json.createObjectBuilder().add("sub", u.id().toString());
        if (v.hasScope("email")) {
            body.add("email", u.email()).add("email_verified", false);
        }
        body.add("roles", Json.createArrayBuilder(u.roles()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body.build());
    }

    static Problem invalidToken(String description) {
        return Problem.oauth(401, "invalid_token", description)
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
}
