package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.token.TokenVerifier;
import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.auth.web.OAuthErrors;
import dev.gatewaystack.auth.web.RequestParts;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.RateLimit;
import dev.gatewaystack.route.Route;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Optional;

/**
 * Token revocation (RFC 7009). A refresh token revokes its whole family (and the family's live access tokens); an
 * access token goes on the revocation list. Unknown or foreign tokens also get 200, as the RFC requires.
 */
public final class RevocationHandler {
    private final ClientRegistry clients;
    private final ClientAuthentication clientAuth;
    private final Grants grants;
    private final TokenVerifier verifier;

    public RevocationHandler(ClientRegistry clients, ClientAuthentication clientAuth, Grants grants,
                             TokenVerifier verifier) {
        this.clients = clients;
        this.clientAuth = clientAuth;
        this.grants = grants;
        this.verifier = verifier;
    }

    @Route(path = "/oauth2/revoke", methods = HttpMethod.POST)
    // Each call may cost an Argon2id verification (a confidential client's secret): a tight limit per address.
    @RateLimit(rate = "5r/s", burst = 10)
    @MaxBodySize("16k")
    public void revoke(ServerRequest req, ServerResponse res) {
        OAuthErrors.answer(req, res, this::revokeOrRefuse);
    }

    private void revokeOrRefuse(ServerRequest req, ServerResponse res) {
        Parameters form = RequestParts.form(req);
        Optional<String[]> basic = RequestParts.basicCredentials(req);
        String secret = basic.map(b -> b[1]).orElseGet(() -> RequestParts.single(form, "client_secret"));
        String id = basic.map(b -> b[0]).orElseGet(() -> RequestParts.single(form, "client_id"));
        if (id == null) {
            throw ClientRegistry.unknownClient();
        }
        Client client = secret == null ? clients.requirePublic(id) : clientAuth.confidential(req, form);
        String token = RequestParts.required(form, "token");
        String hint = RequestParts.single(form, "token_type_hint");
        boolean done = !"access_token".equals(hint) && grants.revokeRefreshToken(client, token);
        if (!done) {
            try {
                Caller v = verifier.verifyAccessToken(token);
                if (client.id().equals(v.clientId())) {
                    grants.revokeAccessToken(v.jti(), v.expiresAt());
                }
            } catch (TokenVerifier.InvalidToken e) {
                // invalid, expired or already revoked: nothing left to revoke
                if (!"refresh_token".equals(hint)) {
                    grants.revokeRefreshToken(client, token);
                }
            }
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send();
    }
}
