package dev.gatewaystack.auth.oauth;

import java.util.List;
import java.util.Set;

/**
 * A registered OAuth client. Public clients (the SPA) have redirect URIs and no secret; confidential service clients
 * (and post-log-out redirect URIs, matched exactly at the end-session endpoint) have an Argon2id secret hash, use {@code client_credentials} and carry their own roles.
 */
public record Client(String id, String secretHash, List<String> redirectUris, Set<String> scopes,
                     List<String> roles, List<String> postLogoutRedirectUris) {
    public boolean isPublic() {
        return secretHash == null;
    }
}
