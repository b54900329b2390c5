package dev.gatewaystack.auth.oauth;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** A token endpoint success response (RFC 6749 section 5.1). */
public record TokenSet(String accessToken, long expiresIn, String scope, String refreshToken, String idToken) {
    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("access_token", accessToken)
                .add("token_type", "Bearer")
                .add("expires_in", expiresIn)
                .add("scope", scope);
        if (refreshToken != null) {
            b.add("refresh_token", refreshToken);
        }
        if (idToken != null) {
            b.add("id_token", idToken);
        }
        return b.build();
    }
}
