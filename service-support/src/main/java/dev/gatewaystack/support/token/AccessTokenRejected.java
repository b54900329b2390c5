package dev.gatewaystack.support.token;

/** Why a token was refused by {@link SignedTokenRules}; each service maps the reason to its RFC 6750 answer. */
public final class AccessTokenRejected extends Exception {
    public enum Reason {
        /** Malformed, forged, expired, unknown key, wrong issuer or audience, revoked: 401 invalid_token. */
        INVALID,
        /** Valid, but without the required scope: 403 insufficient_scope. */
        INSUFFICIENT_SCOPE,
        /** The keys or the revocation list cannot be read: not the caller's fault, 503. */
        UNAVAILABLE
    }

    private final Reason reason;

    public AccessTokenRejected(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
