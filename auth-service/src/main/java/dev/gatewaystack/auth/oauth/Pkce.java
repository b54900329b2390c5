package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.crypto.Secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** RFC 7636 with S256 only: {@code BASE64URL(SHA256(verifier)) == challenge}. */
public final class Pkce {
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
    /** A base64url SHA-256 digest is 43 characters. */
    public static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9\\-_]{43}");

    private Pkce() {
    }

    public static boolean matches(String verifier, String challenge) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        String computed = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Secrets.digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        return Secrets.constantTimeEquals(computed, challenge);
    }
}
