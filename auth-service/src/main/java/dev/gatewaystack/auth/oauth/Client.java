package dev.gatewaystack.auth.oauth;

import java.util.List;
import java.util.Set;

/**
 * A registered OAuth client. Public clients (the SPA) have redirect URIs and no secret; confidential service clients
 * have an Argon2id secret hash, use {@code client_credentials} and carry their own roles.
 */
public record Client(String id, String secretHash, List<String> redirectUris, Set<String> scopes,
                     List<String> roles) {
    public boolean isPublic() {
        return secretHash == null;
    }
}
