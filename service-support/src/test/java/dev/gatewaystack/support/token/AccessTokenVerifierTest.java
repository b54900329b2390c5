package dev.gatewaystack.support.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static dev.gatewaystack.support.token.AccessTokenRejected.Reason.INSUFFICIENT_SCOPE;
import static dev.gatewaystack.support.token.AccessTokenRejected.Reason.INVALID;
import static dev.gatewaystack.support.token.AccessTokenRejected.Reason.UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each rule of the shared access-token contract, in isolation (the services' tests prove it end to end). */
class AccessTokenVerifierTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "api";
    private static final RSAKey KEY = generate("k1");
    private static final RSAKey OTHER_KEY = generate("k1");
    private static final JWKMatcher MATCHER = new JWKMatcher.Builder().keyID("k1").build();

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(
            new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())), ISSUER, AUDIENCE, SignedTokenRules.DEFAULT_LEEWAY,
            revoked::contains, "ledger");

    @Test
    void aTokenThatFollowsEveryRuleNamesItsCaller() throws Exception {
        Caller c = verifier.verify(token(b -> b.claim("roles", List.of("user", "admin"))));
        assertEquals("alice", c.userId());
        assertEquals(List.of("user", "admin"), c.roles());
        assertEquals("spa", c.clientId());
        assertEquals("openid ledger", c.scope());
        // typ absent is accepted as well as JWT
        assertEquals("alice", verifier.verify(sign(KEY, header().type(null).build(), claims().build())).userId());
    }

    @Test
    void forgeriesAndWrongHeadersAreInvalid() throws Exception {
        rejected(INVALID, "not a jwt");
        rejected(INVALID, "");
        rejected(INVALID, new PlainJWT(claims().build()).serialize());
        rejected(INVALID, sign(OTHER_KEY, header().build(), claims().build()));
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims().build());
        hmac.sign(new MACSigner(KEY.toRSAPublicKey().getEncoded()));
        rejected(INVALID, hmac.serialize());
        // RFC 9068's at+jwt is not a type auth-service issues: refused everywhere (api-service accepted it before).
        rejected(INVALID, sign(KEY, header().type(new JOSEObjectType("at+jwt")).build(), claims().build()));
        rejected(INVALID, sign(KEY, header().type(new JOSEObjectType("id_token+jwt")).build(), claims().build()));
    }

    @Test
    void issuerAudienceAndEveryRequiredClaimAreChecked() {
        rejected(INVALID, token(b -> b.issuer("https://other.test")));
        rejected(INVALID, token(b -> b.audience("someone-else")));
        for (String claim : AccessTokenVerifier.REQUIRED_CLAIMS) {
            rejected(INVALID, token(b -> b.claim(claim, null)));
        }
        rejected(INVALID, token(b -> b.claim("roles", "admin")));
        rejected(INVALID, token(b -> b.claim("roles", java.util.Arrays.asList("user", null))));
        rejected(INVALID, token(b -> b.claim("scope", List.of("ledger"))));
    }

    @Test
    void theLeewayIsThirtySeconds() throws Exception {
        Instant now = Instant.now();
        verifier.verify(token(b -> b.expirationTime(Date.from(now.minusSeconds(20)))));
        rejected(INVALID, token(b -> b.expirationTime(Date.from(now.minusSeconds(45)))));
        verifier.verify(token(b -> b.notBeforeTime(Date.from(now.plusSeconds(20)))));
        rejected(INVALID, token(b -> b.notBeforeTime(Date.from(now.plusSeconds(45)))));
    }

    @Test
    void aRevokedTokenIsInvalidWhateverItsScope() {
        revoked.add("jti-1");
        rejected(INVALID, token(b -> b.jwtID("jti-1").claim("scope", "openid")));
    }

    @Test
    void theRequiredScopeIsAWholeSpaceSeparatedName() throws Exception {
        rejected(INSUFFICIENT_SCOPE, token(b -> b.claim("scope", "openid ledger:read")));
        rejected(INSUFFICIENT_SCOPE, token(b -> b.claim("scope", "openid\tledger")));
        verifier.verify(token(b -> b.claim("scope", "ledger")));
        AccessTokenVerifier noScope = new AccessTokenVerifier(new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())),
                ISSUER, AUDIENCE, SignedTokenRules.DEFAULT_LEEWAY, revoked::contains, null);
        assertEquals("openid", noScope.verify(token(b -> b.claim("scope", "openid"))).scope());
    }

    @Test
    void keysOrRevocationsThatCannotBeReadAreNotTheCallersFault() {
        JWKSource<SecurityContext> down = (selector, context) -> {
            throw new KeySourceException("JWKS unreachable");
        };
        AccessTokenVerifier noKeys = new AccessTokenVerifier(down, ISSUER, AUDIENCE, SignedTokenRules.DEFAULT_LEEWAY,
                revoked::contains, "ledger");
        assertEquals(UNAVAILABLE, assertThrows(AccessTokenRejected.class, () -> noKeys.verify(token(b -> b)))
                .reason());
        SignedTokenRules.Revocations notLoaded = new SignedTokenRules.Revocations() {
            @Override
            public boolean isRevoked(String jti) {
                return false;
            }

            @Override
            public boolean loaded() {
                return false;
            }
        };
        AccessTokenVerifier unread = new AccessTokenVerifier(new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())),
                ISSUER, AUDIENCE, SignedTokenRules.DEFAULT_LEEWAY, notLoaded, "ledger");
        assertEquals(UNAVAILABLE, assertThrows(AccessTokenRejected.class, () -> unread.verify(token(b -> b)))
                .reason());
    }

    @Test
    void aTokenSentAgainSkipsTheSignatureCheckButNeverTheRevocationOrKeyCheck() throws Exception {
        // A full check looks its keys up twice (the processor, then the record of which keys it used); a reused
        // check once (are those keys still there?).
        AtomicInteger keyLookups = new AtomicInteger();
        AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(KEY.toPublicJWK()));
        JWKSource<SecurityContext> counting = (selector, context) -> {
            keyLookups.incrementAndGet();
            return selector.select(published.get());
        };
        AccessTokenVerifier reusing = new AccessTokenVerifier(counting, ISSUER, AUDIENCE,
                SignedTokenRules.DEFAULT_LEEWAY, revoked::contains, "ledger");
        String token = token(b -> b.jwtID("reused"));
        for (int i = 0; i < 5; i++) {
            assertEquals("alice", reusing.verify(token).userId());
        }
        assertEquals(2 + 4, keyLookups.get(), "one full check, then four reused ones");
        String another = token(b -> b.jwtID("another"));
        assertEquals("alice", reusing.verify(another).userId());
        assertEquals(6 + 2, keyLookups.get(), "another token is checked in full");
        revoked.add("reused");
        assertEquals(INVALID, assertThrows(AccessTokenRejected.class, () -> reusing.verify(token)).reason());
        // The claims of a token just verified, signed by another key: a different string, checked in full, refused.
        String forged = sign(OTHER_KEY, header().build(), SignedJWT.parse(another).getJWTClaimsSet());
        assertEquals(INVALID, assertThrows(AccessTokenRejected.class, () -> reusing.verify(forged)).reason());
        // The key leaves the key set (rotation, or a compromised key withdrawn): its tokens fail at once.
        published.set(new JWKSet(generate("k2").toPublicJWK()));
        assertEquals(INVALID, assertThrows(AccessTokenRejected.class, () -> reusing.verify(another)).reason());
        // Replaced under the same kid: the same.
        published.set(new JWKSet(OTHER_KEY.toPublicJWK()));
        assertEquals(INVALID, assertThrows(AccessTokenRejected.class, () -> reusing.verify(another)).reason());
    }

    @Test
    void aCheckIsReusedOnlyWhileTheTokenIsUnexpiredAndForAtMostHalfAMinute() {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        VerifiedTokens verified = new VerifiedTokens(Duration.ofSeconds(30), now::get);
        JWTClaimsSet longLived = new JWTClaimsSet.Builder().expirationTime(new Date(now.get() + 3_600_000)).build();
        JWTClaimsSet shortLived = new JWTClaimsSet.Builder().expirationTime(new Date(now.get() - 20_000)).build();
        verified.put("long", longLived, MATCHER, List.of(KEY.toPublicJWK()));
        verified.put("short", shortLived, MATCHER, List.of(KEY.toPublicJWK())); // expired 20 s ago: inside the 30 s leeway, as the claims check allows
        now.addAndGet(9_999);
        assertEquals(longLived, verified.get("long").claims());
        assertEquals(shortLived, verified.get("short").claims());
        now.addAndGet(1);
        assertEquals(null, verified.get("short"), "exp + leeway passed: checked in full again (and refused)");
        now.addAndGet(20_000);
        assertEquals(null, verified.get("long"), "30 s after its check: checked in full again");
        verified.put("gone", new JWTClaimsSet.Builder().expirationTime(new Date(now.get() - 31_000)).build(), MATCHER,
                List.of(KEY.toPublicJWK()));
        assertEquals(null, verified.get("gone"));
    }

    @Test
    void distinctTokensCannotGrowTheReuseWithoutBound() {
        VerifiedTokens verified = new VerifiedTokens(Duration.ofSeconds(30), System::currentTimeMillis);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .expirationTime(new Date(System.currentTimeMillis() + 600_000)).build();
        for (int i = 0; i <= VerifiedTokens.MAX_ENTRIES; i++) {
            verified.put("token-" + i, claims, MATCHER, List.of(KEY.toPublicJWK()));
        }
        assertEquals(null, verified.get("token-0"), "full: started over");
        assertEquals(claims, verified.get("token-" + VerifiedTokens.MAX_ENTRIES).claims());
    }

    private void rejected(AccessTokenRejected.Reason reason, String token) {
        assertEquals(reason, assertThrows(AccessTokenRejected.class, () -> verifier.verify(token)).reason());
    }

    private static JWSHeader.Builder header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("alice")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID("jti-" + System.nanoTime()).claim("scope", "openid ledger").claim("client_id", "spa");
    }

    private static String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(KEY, header().build(), change.apply(claims()).build());
    }

    private static String sign(RSAKey key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
