package dev.gatewaystack.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Plays auth-service for the tests: an RSA key served as a JWKS on loopback at /oauth2/jwks, its revocation list at
 * /internal/revoked-access-tokens, and access tokens in the shared contract's format signed with the key.
 */
public final class TestJwks implements AutoCloseable {
    public static final String ISSUER = "https://localhost";
    public static final String AUDIENCE = "gatewaystack-api";

    private final RSAKey key;
    private final HttpServer server;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();

    public TestJwks() {
        key = newKey("test-key-1");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth2/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        // auth-service's internal revocation list, in its format.
        server.createContext("/internal/revoked-access-tokens", exchange -> {
            StringBuilder json = new StringBuilder("{\"tokens\":[");
            revoked.forEach((jti, exp) -> json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                    .append("{\"jti\":\"").append(jti).append("\",\"exp\":").append(exp.getEpochSecond())
                    .append('}'));
            byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String revocationsUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/internal/revoked-access-tokens";
    }

    /** Lists {@code jti} as revoked until {@code expiresAt}, as auth-service would after a revocation. */
    public void revoke(String jti, Instant expiresAt) {
        revoked.put(jti, expiresAt);
    }

    /** How many times the JWKS has been fetched. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
    }

    public RSAKey key() {
        return key;
    }

    /** A valid access token for {@code userId}. */
    public String token(String userId) {
        return token(userId, b -> {
        });
    }

    /** A token for {@code userId} with the contract's claims, changed by {@code tweak}, signed with the served key. */
    public String token(String userId, Consumer<JWTClaimsSet.Builder> tweak) {
        return sign(key, claims(userId, tweak));
    }

    public static JWTClaimsSet claims(String userId, Consumer<JWTClaimsSet.Builder> tweak) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId)
                .audience(List.of(AUDIENCE))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", "openid profile ledger")
                .claim("roles", List.of("user"))
                .claim("client_id", "gatewaystack-web");
        tweak.accept(b);
        return b.build();
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
