package dev.gatewaystack.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.api.auth.JwtAuthenticator;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.api.support.TestJwks;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access tokens in the shared contract's format are accepted; forged or stale ones are refused with 401, revoked
 * ones within seconds (the polled list, kept while auth-service is away), ones without the ledger scope with 403,
 * and a burst of unknown kids with 401 (never 503) while a valid token keeps passing.
 */
class JwtAuthenticationTest {
    private static TestJwks jwks;
    private static JwtAuthenticator authenticator;

    @BeforeAll
    static void start() {
        jwks = new TestJwks();
        authenticator = authenticator(jwks.jwksUri(), jwks.revocationsUri());
    }

    @AfterAll
    static void stop() {
        authenticator.close();
        jwks.close();
    }

    /** As api-service builds it, with a fast revocation poll. */
    static JwtAuthenticator authenticator(String jwksUri, String revocationsUri) {
        return authenticator(jwksUri, revocationsUri, Map.of());
    }

    static JwtAuthenticator authenticator(String jwksUri, String revocationsUri, Map<String, String> more) {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "jwks-uri", jwksUri,
                "revocations-uri", revocationsUri,
                "revocations-poll", "PT0.2S",
                "issuer", TestJwks.ISSUER,
                "audience", TestJwks.AUDIENCE));
        config.putAll(more);
        return JwtAuthenticator.fromConfig(Config.just(ConfigSources.create(config)));
    }

    /** Waits until the first revocation poll has been read (it runs at once, in the background). */
    private static void awaitRevocationsLoaded(JwtAuthenticator a, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                a.verify(token);
                return;
            } catch (Problem p) {
                if (p.status().code() != 503 || System.nanoTime() > deadline) {
                    throw p;
                }
                sleep(50);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void refused(String token) {
        awaitRevocationsLoaded(authenticator, jwks.token("someone"));
        Problem p = assertThrows(Problem.class, () -> authenticator.verify(token));
        assertEquals(401, p.status().code(), p.detail());
    }

    @Test
    void contractTokenIsAccepted() {
        String user = UUID.randomUUID().toString();
        awaitRevocationsLoaded(authenticator, jwks.token(user));
        Caller caller = authenticator.verify(jwks.token(user, b -> b.claim("roles", List.of("user", "admin"))));
        assertEquals(user, caller.userId());
        assertEquals(List.of("user", "admin"), caller.roles());
    }

    @Test
    void tokenSignedWithAnotherKeyUnderTheSameKidIsRefused() {
        RSAKey forger = TestJwks.newKey(jwks.key().getKeyID());
        refused(TestJwks.sign(forger, TestJwks.claims("u", b -> { })));
    }

    @Test
    void tokenWithAnUnknownKidIsRefused() {
        refused(TestJwks.sign(TestJwks.newKey("unknown-kid"), TestJwks.claims("u", b -> { })));
    }

    @Test
    void unsignedTokenIsRefused() {
        refused(new PlainJWT(TestJwks.claims("u", b -> { })).serialize());
    }

    @Test
    void hmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
        // The classic algorithm-confusion forgery: HS256 with the RSA public key's bytes as the secret.
        byte[] secret = jwks.key().toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(jwks.key().getKeyID()).build(),
                TestJwks.claims("u", b -> { }));
        jwt.sign(new MACSigner(secret));
        refused(jwt.serialize());
    }

    @Test
    void expiredTokenIsRefused() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        refused(jwks.token("u", b -> b.issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(10))))));
    }

    @Test
    void notYetValidTokenIsRefused() {
        refused(jwks.token("u", b -> b.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))));
    }

    @Test
    void wrongAudienceIsRefused() {
        refused(jwks.token("u", b -> b.audience(List.of("another-api"))));
    }

    @Test
    void wrongIssuerIsRefused() {
        refused(jwks.token("u", b -> b.issuer("https://evil.example")));
    }

    @Test
    void tokenWithoutSubjectIsRefused() {
        refused(jwks.token("u", b -> b.subject(null)));
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = jwks.token("alice").split("\\.");
        String otherPayload = jwks.token("mallory").split("\\.")[1];
        refused(parts[0] + "." + otherPayload + "." + parts[2]);
    }

    @Test
    void garbageIsRefused() {
        refused("not-a-token");
        refused("a.b.c");
    }

    @Test
    void unreachableJwksIsNotTheCallersFault() {
        try (JwtAuthenticator offline = authenticator("http://127.0.0.1:1/oauth2/jwks", jwks.revocationsUri())) {
            Problem p = assertThrows(Problem.class, () -> offline.verify(jwks.token("u")));
            assertEquals(503, p.status().code(), p.detail());
        }
    }

    @Test
    void tokenWithoutTheLedgerScopeIsForbiddenWithRfc6750Header() {
        awaitRevocationsLoaded(authenticator, jwks.token("u"));
        Problem p = assertThrows(Problem.class,
                () -> authenticator.verify(jwks.token("u", b -> b.claim("scope", "openid profile email"))));
        assertEquals(403, p.status().code(), p.detail());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"ledger\"", p.headers().get("WWW-Authenticate"));
        // "ledger" must be a whole scope name, not a substring of one.
        Problem q = assertThrows(Problem.class,
                () -> authenticator.verify(jwks.token("u", b -> b.claim("scope", "openid ledger:read"))));
        assertEquals(403, q.status().code(), q.detail());
        // No scope claim at all is a token auth-service never issues (the shared contract requires the claim): 401.
        Problem r = assertThrows(Problem.class, () -> authenticator.verify(jwks.token("u", b -> b.claim("scope", null))));
        assertEquals(401, r.status().code(), r.detail());
    }

    @Test
    void tokenWithoutJtiIsRefused() {
        refused(jwks.token("u", b -> b.jwtID(null)));
    }

    @Test
    void revokedTokenIsRefusedWithinSecondsWithoutACallPerRequest() {
        String jti = UUID.randomUUID().toString();
        String token = jwks.token("u", b -> b.jwtID(jti));
        awaitRevocationsLoaded(authenticator, token);
        jwks.revoke(jti, Instant.now().plus(Duration.ofMinutes(10)));
        long start = System.nanoTime();
        while (true) {
            try {
                authenticator.verify(token);
            } catch (Problem p) {
                assertEquals(401, p.status().code(), p.detail());
                break;
            }
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos(), "still accepted after 3 s");
            sleep(20);
        }
        // Another token of the same user is unaffected.
        assertEquals("u", authenticator.verify(jwks.token("u")).userId());
    }

    @Test
    void revocationListIsKeptWhileAuthServiceIsAwayAndRequiredBeforeItIsRead() {
        TestJwks issuer = new TestJwks();
        String jti = UUID.randomUUID().toString();
        issuer.revoke(jti, Instant.now().plus(Duration.ofMinutes(10)));
        try (JwtAuthenticator a = authenticator(issuer.jwksUri(), issuer.revocationsUri())) {
            String valid = issuer.token("u");
            awaitRevocationsLoaded(a, valid);
            issuer.close(); // auth-service gone: JWKS and revocation list unreachable
            sleep(600); // several failed polls
            assertEquals("u", a.verify(valid).userId(), "cached keys and list keep serving");
            Problem p = assertThrows(Problem.class, () -> a.verify(issuer.token("u", b -> b.jwtID(jti))));
            assertEquals(401, p.status().code(), "the last list still refuses: " + p.detail());
        }
        // Never read (auth-service unreachable from the start): no token is taken as unrevoked.
        try (JwtAuthenticator a = authenticator(jwks.jwksUri(), "http://127.0.0.1:1/internal/revoked-access-tokens")) {
            sleep(300);
            Problem p = assertThrows(Problem.class, () -> a.verify(jwks.token("u")));
            assertEquals(503, p.status().code(), p.detail());
        }
    }

    @Test
    void expiredKeyCacheWithTheIssuerAwayKeepsServingKnownKeysWithoutDelay() {
        TestJwks issuer = new TestJwks();
        // TTL 0: every call finds the keys due for a refresh.
        try (JwtAuthenticator a = authenticator(issuer.jwksUri(), issuer.revocationsUri(), Map.of("jwks-ttl", "PT0S"))) {
            awaitRevocationsLoaded(a, issuer.token("u"));
            issuer.close();
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertEquals("u", a.verify(issuer.token("u")).userId());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 1000, "20 verifications took " + millis + " ms: a refresh made callers wait");
        }
    }

    @Test
    void burstOfUnknownKidsIsAll401AndNeverLocksOutValidTokens() throws Exception {
        awaitRevocationsLoaded(authenticator, jwks.token("u"));
        int fetchesBefore = jwks.jwksFetches();
        long start = System.nanoTime();
        List<Integer> statuses;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String forged = TestJwks.sign(TestJwks.newKey("kid-" + UUID.randomUUID()),
                        TestJwks.claims("u", b -> { }));
                results.add(pool.submit(() -> {
                    try {
                        authenticator.verify(forged);
                        return 200;
                    } catch (Problem p) {
                        return p.status().code();
                    }
                }));
            }
            statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(List.of(401), statuses.stream().distinct().toList(), "every unknown kid is 401, never 503");
        assertEquals("u", authenticator.verify(jwks.token("u")).userId(), "a valid token right after the burst");
        int fetches = jwks.jwksFetches() - fetchesBefore;
        assertTrue(fetches >= 1 && fetches <= Math.ceil(seconds) + 1,
                fetches + " JWKS fetches in " + seconds + " s: refetches are rate-limited to one a second");
    }
}
