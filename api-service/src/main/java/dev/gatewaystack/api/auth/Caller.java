package dev.gatewaystack.api.auth;

import java.util.List;

/** The authenticated caller: {@code sub} of the access token (a user id, or a client id for client_credentials). */
public record Caller(String userId, List<String> roles) {
}
