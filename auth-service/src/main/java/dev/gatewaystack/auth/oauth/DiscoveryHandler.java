package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.AuthSettings;
import dev.gatewaystack.auth.keys.SigningKeys;
import dev.gatewaystack.route.Cache;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Route;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaTypes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.util.TreeSet;

/** OpenID Provider metadata (OIDC Discovery 1.0, RFC 8414) and the JWKS. */
public final class DiscoveryHandler {
    private final AuthSettings settings;
    private final SigningKeys keys;
    private final JsonObject metadata;

    public DiscoveryHandler(AuthSettings settings, SigningKeys keys) {
        this.settings = settings;
        this.keys = keys;
        String base = settings.issuer();
        this.metadata = Json.createObjectBuilder()
                .add("issuer", base)
                .add("authorization_endpoint", base + "/oauth2/authorize")
                .add("token_endpoint", base + "/oauth2/token")
                .add("jwks_uri", base + "/oauth2/jwks")
                .add("userinfo_endpoint", base + "/oauth2/userinfo")
                .add("revocation_endpoint", base + "/oauth2/revoke")
                .add("end_session_endpoint", base + "/oauth2/logout")
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add("response_modes_supported", Json.createArrayBuilder().add("query"))
                .add("grant_types_supported", Json.createArrayBuilder()
                        .add("authorization_code").add("refresh_token").add("client_credentials"))
                .add("subject_types_supported", Json.createArrayBuilder().add("public"))
                .add("id_token_signing_alg_values_supported", Json.createArrayBuilder().add("RS256"))
                .add("token_endpoint_auth_methods_supported", Json.createArrayBuilder()
                        .add("none").add("client_secret_basic").add("client_secret_post"))
                .add("revocation_endpoint_auth_methods_supported", Json.createArrayBuilder()
                        .add("none").add("client_secret_basic").add("client_secret_post"))
                .add("code_challenge_methods_supported", Json.createArrayBuilder().add("S256"))
                .add("scopes_supported", Json.createArrayBuilder(new TreeSet<>(settings.spaScopes())))
                .add("claims_supported", Json.createArrayBuilder()
                        .add("sub").add("iss").add("aud").add("exp").add("iat").add("auth_time").add("nonce")
                        .add("email").add("email_verified").add("roles").add("sid"))
                .add("authorization_response_iss_parameter_supported", true)
                .build();
    }

    @Route(path = "/.well-known/openid-configuration", methods = HttpMethod.GET)
    @Cache(success = "5m")
    public void openidConfiguration(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.send(metadata);
    }

    /** Public halves of the active key and of retired keys whose tokens may still be live. */
    @Route(path = "/oauth2/jwks", methods = HttpMethod.GET)
    @Cache(success = "1m")
    public void jwks(ServerRequest req, ServerResponse res) {
        // Short max-age: after a rotation, verifiers refetch on an unknown kid anyway.
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=60");
        res.headers().contentType(HttpMediaTypes.JSON_UTF_8);
        res.send(keys.current().published().toString(true));
    }

    AuthSettings settings() {
        return settings;
    }
}
