package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.AuthSettings;
import dev.gatewaystack.auth.observe.AuthMetrics;
import dev.gatewaystack.auth.token.TokenIssuer;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.auth.web.OAuthErrors;
import dev.gatewaystack.auth.web.RequestParts;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.RateLimit;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Slo;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** The token endpoint: authorization_code (+PKCE), refresh_token (rotating) and client_credentials. */
public final class TokenHandler {
    private final AuthSettings settings;
    private final ClientRegistry clients;
    private final Grants grants;
    private final TokenIssuer issuer;
    private final ClientAuthentication clientAuth;
    private final AuthMetrics metrics;

    public TokenHandler(AuthSettings settings, ClientRegistry clients, Grants grants, TokenIssuer issuer,
                        ClientAuthentication clientAuth, AuthMetrics metrics) {
        this.settings = settings;
        this.clients = clients;
        this.grants = grants;
        this.issuer = issuer;
        this.clientAuth = clientAuth;
        this.metrics = metrics;
    }

    @Route(path = "/oauth2/token", methods = HttpMethod.POST)
    @RateLimit(rate = "10r/s", burst = 20)
    @MaxBodySize("16k")
    @Slo(availability = "99.9%", latency = "1s", percentile = 99)
    public void token(ServerRequest req, ServerResponse res) {
        OAuthErrors.answer(req, res, this::tokenOrRefuse);
    }

    private void tokenOrRefuse(ServerRequest req, ServerResponse res) {
        Parameters form = RequestParts.form(req);
        String grantType = RequestParts.required(form, "grant_type");
        TokenSet tokens = switch (grantType) {
            case "authorization_code" -> {
                Client client = publicClient(req, form);
                yield grants.redeemCode(client, RequestParts.required(form, "code"),
                        RequestParts.required(form, "redirect_uri"), RequestParts.single(form, "code_verifier"));
            }
            case "refresh_token" -> {
                Client client = publicClient(req, form);
                yield grants.refresh(client, RequestParts.required(form, "refresh_token"),
                        RequestParts.single(form, "scope"));
            }
            case "client_credentials" -> clientCredentials(clientAuth.confidential(req, form), form);
            default -> throw Problem.oauth(400, "unsupported_grant_type",
                    "supported: authorization_code, refresh_token, client_credentials");
        };
        metrics.tokenIssued(grantType);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.PRAGMA, "no-cache");
        res.send(tokens.toJson());
    }

    private TokenSet clientCredentials(Client client, Parameters form) {
        String requested = RequestParts.single(form, "scope");
        Set<String> scopes = requested == null ? client.scopes()
                : new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
        if (!client.scopes().containsAll(scopes)) {
            throw Problem.oauth(400, "invalid_scope", "allowed scopes: " + String.join(" ", client.scopes()));
        }
        String scope = String.join(" ", scopes);
        TokenIssuer.Issued access = issuer.accessToken(client.id(), client.id(), scope, client.roles());
        return new TokenSet(access.value(), settings.accessTtl().toSeconds(), scope, null, null);
    }

    /** The public SPA client, identified by client_id alone (it has no secret to keep). */
    private Client publicClient(ServerRequest req, Parameters form) {
        if (RequestParts.basicCredentials(req).isPresent() || RequestParts.single(form, "client_secret") != null) {
            throw Problem.oauth(400, "unauthorized_client", "this grant type is for the public client");
        }
        return clients.requirePublic(RequestParts.required(form, "client_id"));
    }
}
