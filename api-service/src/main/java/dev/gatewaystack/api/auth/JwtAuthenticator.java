package dev.gatewaystack.api.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestLogContext;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.List;
import java.util.Set;

/**
 * Validates auth-service's access tokens (shared contract): JWS RS256 with a {@code kid} found in the JWKS at
 * {@code auth.jwks-uri}, issuer {@code auth.issuer}, audience {@code auth.audience}, not expired, not before
 * {@code nbf}. Only RS256 is accepted, so {@code alg=none} and HMAC tricks fail key selection.
 */
public final class JwtAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);
    private static final int JWKS_TIMEOUT_MILLIS = 2000;
    private static final int JWKS_MAX_BYTES = 64 * 1024;
    private final ConfigurableJWTProcessor<SecurityContext> processor;

    public JwtAuthenticator(String jwksUri, String issuer, String audience) {
        URL url;
        try {
            url = URI.create(jwksUri).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("auth.jwks-uri is not a URL: " + jwksUri, e);
        }
        // Fetched lazily and cached; an unknown kid triggers a (rate-limited) refetch, so key rotation just works
        // and api-service can start before auth-service.
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(url,
                        new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_MAX_BYTES))
                .retrying(true)
                .build();
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat")));
    }

    public static JwtAuthenticator fromConfig(Config auth) {
        return new JwtAuthenticator(
                auth.get("jwks-uri").asString().orElse("http://auth-service:8080/oauth2/jwks"),
                auth.get("issuer").asString().orElse("https://localhost"),
                auth.get("audience").asString().orElse("gatewaystack-api"));
    }

    /** The caller of a request bearing a valid token; otherwise 401. */
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
            JWTClaimsSet claims = processor.process(token, null);
            List<String> roles = claims.getStringListClaim("roles");
            return new Caller(claims.getSubject(), roles == null ? List.of() : List.copyOf(roles));
        } catch (ParseException e) {
            throw Problem.unauthorized("The access token is malformed");
        } catch (com.nimbusds.jose.proc.BadJOSEException e) {
            LOG.debug("token refused: {}", e.getMessage());
            throw Problem.unauthorized("The access token is not valid: " + e.getMessage());
        } catch (com.nimbusds.jose.JOSEException e) {
            // JWKS unreachable or unusable: not the caller's fault.
            LOG.warn("cannot verify access tokens: {}", e.getMessage());
            throw Problem.unavailable("Access tokens cannot be verified right now; try again shortly");
        }
    }
}
