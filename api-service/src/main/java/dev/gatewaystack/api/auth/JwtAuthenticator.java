package dev.gatewaystack.api.auth;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestLogContext;
import dev.gatewaystack.support.token.AccessTokenRejected;
import dev.gatewaystack.support.token.AccessTokenVerifier;
import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.support.token.SignedTokenRules;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;

/**
 * Authenticates requests with auth-service's access tokens: the bearer token checked by service-support's
 * {@link AccessTokenVerifier} (the contract auth-service applies too)
 * against the JWKS at {@code auth.jwks-uri} ({@link RemoteKeys}) and the revoked ids polled from
 * {@code auth.revocations-uri} ({@link RevokedTokens}), mapped to RFC 6750 answers (401 invalid_token, 403
 * insufficient_scope, 503 when the keys or the revocation list cannot be read).
 */
public final class JwtAuthenticator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);
    private static final int JWKS_TIMEOUT_MILLIS = 2000;
    private static final int JWKS_MAX_BYTES = 64 * 1024;

    private final AccessTokenVerifier verifier;
    private final RevokedTokens revocations;

    public JwtAuthenticator(AccessTokenVerifier verifier, RevokedTokens revocations) {
        this.verifier = verifier;
        this.revocations = revocations;
    }

    /** Starts polling the revocation list; {@link #close()} stops it. */
    public static JwtAuthenticator fromConfig(Config auth) {
        String jwksUri = auth.get("jwks-uri").asString().orElse("http://auth-service:8080/oauth2/jwks");
        URL url;
        try {
            url = URI.create(jwksUri).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("auth.jwks-uri is not a URL: " + jwksUri, e);
        }
        Clock clock = Clock.systemUTC();
        RemoteKeys keys = new RemoteKeys(url,
                new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_MAX_BYTES),
                auth.get("jwks-ttl").as(Duration.class).orElse(Duration.ofMinutes(5)),
                auth.get("jwks-refetch-interval").as(Duration.class).orElse(Duration.ofSeconds(1)),
                clock);
        RevokedTokens revoked = new RevokedTokens(
                URI.create(auth.get("revocations-uri").asString()
                        .orElse("http://auth-service:8080/internal/revoked-access-tokens")),
                auth.get("revocations-poll").as(Duration.class).orElse(Duration.ofSeconds(2)),
                clock).start();
        AccessTokenVerifier verifier = new AccessTokenVerifier(keys,
                auth.get("issuer").asString().orElse("https://localhost"),
                auth.get("audience").asString().orElse("gatewaystack-api"),
                auth.get("clock-skew").as(Duration.class).orElse(SignedTokenRules.DEFAULT_LEEWAY),
                revoked,
                auth.get("required-scope").asString().orElse("ledger"));
        return new JwtAuthenticator(verifier, revoked);
    }

    /** The caller of a request bearing a valid token; otherwise 401, 403 or 503. */
    public Caller require(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION)
                .orElseThrow(() -> Problem.unauthorized("A bearer access token is required"));
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Problem.unauthorized("Use the Bearer scheme with an access token");
        }
        Caller caller = verify(header.substring(7).strip());
        RequestLogContext.authenticated(caller.userId());
        return caller;
    }

    public Caller verify(String token) {
        try {
            return verifier.verify(token);
        } catch (AccessTokenRejected e) {
            switch (e.reason()) {
                case INSUFFICIENT_SCOPE -> throw Problem.insufficientScope(verifier.requiredScope().orElseThrow(), e.getMessage());
                case UNAVAILABLE -> {
                    LOG.warn("cannot verify access tokens: {}", e.getMessage());
                    throw Problem.unavailable("Access tokens cannot be verified right now; try again shortly");
                }
                default -> {
                    LOG.debug("token refused: {}", e.getMessage());
                    throw Problem.unauthorized(e.getMessage());
                }
            }
        }
    }

    public RevokedTokens revocations() {
        return revocations;
    }

    @Override
    public void close() {
        revocations.close();
    }
}
