package dev.gatewaystack.auth.oauth;

/** An authorization request that passed validation and waits for the user to log in. */
public record PendingAuthorization(String id, String clientId, String redirectUri, String scope, String state,
                                   String nonce, String codeChallenge, String csrfToken) {
}
