package dev.gatewaystack.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An independent OAuth 2.0 / OIDC client library (Nimbus OAuth 2.0 SDK) drives the provider. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NimbusClientTest {
    private static final String PASSWORD = "correct horse battery";
    private RunningAuth auth;
    private OIDCProviderMetadata metadata;

    @BeforeAll
    void start() throws Exception {
        auth = RunningAuth.start();
        metadata = OIDCProviderMetadata.resolve(new Issuer(auth.base));
    }

    @AfterAll
    void stop() {
        auth.close();
    }

    @Test
    void discoveryDescribesTheProvider() {
        assertEquals(auth.base, metadata.getIssuer().getValue());
        assertEquals(URI.create(auth.base + "/oauth2/jwks"), metadata.getJWKSetURI());
        assertTrue(metadata.getCodeChallengeMethods().contains(CodeChallengeMethod.S256));
        assertFalse(metadata.getCodeChallengeMethods().contains(CodeChallengeMethod.PLAIN));
        assertTrue(metadata.getIDTokenJWSAlgs().contains(JWSAlgorithm.RS256));
    }

    @Test
    void codeWithPkceRefreshUserinfoAndIdTokenValidation() throws Exception {
        String email = OAuthFlow.uniqueEmail("nimbus-");
        OAuthFlow.register(auth, email, PASSWORD);
        ClientID client = new ClientID(RunningAuth.SPA);
        URI redirect = URI.create(RunningAuth.REDIRECT);
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "email"), client, redirect)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();

        // The browser part: follow to the login page, submit it with its CSRF token and cookie.
        HttpResponse<String> toLogin = Http.get(request.toURI().toString());
        assertEquals(303, toLogin.statusCode(), toLogin.body());
        HttpResponse<String> page = Http.get(auth.url(toLogin.headers().firstValue("Location").orElseThrow()));
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gs_login_csrf="))
                .findFirst().orElseThrow();
        HttpResponse<String> done = Http.postForm(auth.url("/auth/login"), java.util.Map.of(
                        "request", OAuthFlow.hidden(page.body(), "request"),
                        "csrf_token", OAuthFlow.hidden(page.body(), "csrf_token"),
                        "email", email, "password", PASSWORD),
                "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertEquals(303, done.statusCode(), done.body());

        AuthenticationResponse response = AuthenticationResponseParser.parse(
                URI.create(done.headers().firstValue("Location").orElseThrow()));
        assertTrue(response.indicatesSuccess());
        assertEquals(state, response.getState());
        assertEquals(metadata.getIssuer(), response.getIssuer());

        TokenRequest tokenRequest = new TokenRequest(metadata.getTokenEndpointURI(), client,
                new AuthorizationCodeGrant(response.toSuccessResponse().getAuthorizationCode(), redirect, verifier));
        TokenResponse tokenResponse = OIDCTokenResponseParser.parse(tokenRequest.toHTTPRequest().send());
        assertTrue(tokenResponse.indicatesSuccess(), () -> tokenResponse.toErrorResponse().getErrorObject().toString());
        OIDCTokenResponse oidc = (OIDCTokenResponse) tokenResponse.toSuccessResponse();
        JWT idToken = oidc.getOIDCTokens().getIDToken();

        IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), client, JWSAlgorithm.RS256,
                metadata.getJWKSetURI().toURL());
        IDTokenClaimsSet claims = validator.validate(idToken, nonce);
        assertEquals(email, claims.getStringClaim("email"));
        AccessToken accessToken = oidc.getOIDCTokens().getAccessToken();
        assertEquals(accessToken, com.nimbusds.oauth2.sdk.token.BearerAccessToken.parse("Bearer " + accessToken.getValue()));
        assertTrue(claims.getAccessTokenHash() != null
                && com.nimbusds.openid.connect.sdk.claims.AccessTokenHash.compute(accessToken, JWSAlgorithm.RS256)
                .equals(claims.getAccessTokenHash()));

        UserInfoResponse userInfo = UserInfoResponse.parse(new UserInfoRequest(metadata.getUserInfoEndpointURI(),
                oidc.getOIDCTokens().getBearerAccessToken()).toHTTPRequest().send());
        assertTrue(userInfo.indicatesSuccess());
        assertEquals(claims.getSubject(), userInfo.toSuccessResponse().getUserInfo().getSubject());

        RefreshToken refresh = oidc.getOIDCTokens().getRefreshToken();
        TokenResponse refreshed = OIDCTokenResponseParser.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                client, new RefreshTokenGrant(refresh)).toHTTPRequest().send());
        assertTrue(refreshed.indicatesSuccess());
        RefreshToken rotated = refreshed.toSuccessResponse().getTokens().getRefreshToken();
        assertNotEquals(refresh, rotated);
        // The ID token issued on refresh validates too (no nonce on refresh).
        validator.validate(((OIDCTokenResponse) refreshed.toSuccessResponse()).getOIDCTokens().getIDToken(), null);

        TokenResponse reused = OIDCTokenResponseParser.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                client, new RefreshTokenGrant(refresh)).toHTTPRequest().send());
        assertFalse(reused.indicatesSuccess());
        TokenErrorResponse error = reused.toErrorResponse();
        assertEquals("invalid_grant", error.getErrorObject().getCode());
        assertEquals(400, error.getErrorObject().getHTTPStatusCode());
    }

    @Test
    void clientCredentials() throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(RunningAuth.SERVICE_CLIENT), new Secret(RunningAuth.SERVICE_SECRET)),
                new ClientCredentialsGrant(), new Scope("ledger.read")).toHTTPRequest().send());
        assertTrue(response.indicatesSuccess());
        assertEquals(new Scope("ledger.read"), response.toSuccessResponse().getTokens().getAccessToken().getScope());

        TokenResponse wrong = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(RunningAuth.SERVICE_CLIENT), new Secret("wrong-secret")),
                new ClientCredentialsGrant(), null).toHTTPRequest().send());
        assertFalse(wrong.indicatesSuccess());
        assertEquals("invalid_client", wrong.toErrorResponse().getErrorObject().getCode());
    }
}
