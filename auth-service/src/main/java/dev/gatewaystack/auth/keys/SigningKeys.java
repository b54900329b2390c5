package dev.gatewaystack.auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.gatewaystack.auth.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * RS256 signing keys kept in PostgreSQL, so they survive restarts and every replica signs and verifies with the same
 * set. The newest unretired key signs. Rotation retires it and creates a new one; a retired key stays published (and
 * accepted) until every token it signed has expired. All replicas run the same check under an advisory lock, and
 * reload the set from the database, so they converge on one active key.
 */
public final class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    /** Arbitrary constant identifying the key-rotation advisory lock. */
    private static final long ROTATION_LOCK = 0x6761746577617931L;

    private final Database db;
    private final Duration rotation;
    private final Duration retention;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(null, new JWKSet());

    /** The signing key (private) and the published set (public halves of every key still accepted). */
    public record Snapshot(RSAKey signing, JWKSet published) {
    }

    public SigningKeys(Database db, Duration rotation, Duration retention, Clock clock) {
        this.db = db;
        this.rotation = rotation;
        this.retention = retention;
        this.clock = clock;
    }

    /** Makes sure an active key exists (rotating an expired one), then loads the set. */
    public void refresh() {
        db.tx(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, ROTATION_LOCK);
                lock.execute();
            }
            Instant now = clock.instant();
            Optional<Instant> activeSince = activeCreatedAt(c);
            if (activeSince.isEmpty() || activeSince.get().plus(rotation).isBefore(now)) {
                rotateLocked(c, now);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM signing_keys WHERE publish_until IS NOT NULL AND publish_until < ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.executeUpdate();
            }
            return null;
        });
        load();
    }

    /** Retires the active key now and creates a new one (also what scheduled rotation does). */
    public void rotateNow() {
        db.tx(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, ROTATION_LOCK);
                lock.execute();
            }
            rotateLocked(c, clock.instant());
            return null;
        });
        load();
    }

    public Snapshot current() {
        return snapshot;
    }

    /** Re-reads the keys from the database (e.g. after another replica rotated). */
    public void load() {
        List<RSAKey> keys = db.tx(c -> {
            List<RSAKey> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT jwk FROM signing_keys "
                    + "WHERE publish_until IS NULL OR publish_until >= ? ORDER BY retired_at NULLS FIRST, created_at DESC")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(parse(rs.getString(1)));
                    }
                }
            }
            return list;
        });
        RSAKey signing = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? parse(rs.getString(1)) : null;
            }
        });
        List<JWK> publicKeys = keys.stream().map(k -> (JWK) k.toPublicJWK()).toList();
        snapshot = new Snapshot(signing, new JWKSet(publicKeys));
    }

    private void rotateLocked(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE signing_keys SET retired_at = ?, publish_until = ? WHERE retired_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now.plus(retention)));
            ps.executeUpdate();
        }
        RSAKey key = generate(now);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO signing_keys (kid, jwk, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, key.getKeyID());
            ps.setString(2, key.toJSONString());
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
        LOG.info("signing key {} created; previous key retired, published until {}", key.getKeyID(),
                now.plus(retention));
    }

    private static Optional<Instant> activeCreatedAt(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT max(created_at) FROM signing_keys WHERE retired_at IS NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return Optional.ofNullable(t).map(Timestamp::toInstant);
        }
    }

    private static RSAKey generate(Instant now) {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(now.toString().substring(0, 10) + "-" + UUID.randomUUID().toString().substring(0, 8))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored signing key is not a valid RSA JWK", e);
        }
    }
}
