package dev.gatewaystack.support.token;

import java.time.Instant;
import java.util.List;

/**
 * A verified token's holder: {@code sub} (a user id, or a client id for client_credentials), its roles, its
 * {@code scope} (space-separated names, null when the token has none), the client it was issued to, its id and
 * expiry.
 */
public record Caller(String userId, List<String> roles, String scope, String clientId, String jti,
                     Instant expiresAt) {
    public Caller {
        roles = List.copyOf(roles);
    }

    /**
     * Whether {@code wanted} is one of the scope names: RFC 6749 section 3.3 separates them by single spaces
     * (%x20) only, so a tab or a substring ({@code ledger:read} for {@code ledger}) is not a match.
     */
    public boolean hasScope(String wanted) {
        return scope != null && List.of(scope.split(" ")).contains(wanted);
    }
}
