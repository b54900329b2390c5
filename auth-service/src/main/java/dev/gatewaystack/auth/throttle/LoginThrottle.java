package dev.gatewaystack.auth.throttle;

import dev.gatewaystack.auth.AuthSettings;
import dev.gatewaystack.auth.db.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Throttling per account (or client) AND source address, shared by replicas through PostgreSQL. After
 * {@code threshold} consecutive failures (within {@code window}) from one source, that account is locked for that
 * source for base, 2·base, 4·base, ... up to max; while locked every attempt from there (even with the right
 * password) gets 429 with Retry-After. Keying by source too means failures from an attacker's address never lock
 * the owner out at theirs. Unknown accounts are throttled alike, so the answer does not reveal which e-mails exist.
 */
public final class LoginThrottle {
    private final Database db;
    private final AuthSettings settings;
    private final Clock clock;

    public LoginThrottle(Database db, AuthSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the account stays locked, if it is. */
    public Optional<Duration> lockedFor(String account, String source) {
        Instant now = clock.instant();
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT locked_until FROM login_throttle WHERE account = ?")) {
                ps.setString(1, key(account, source));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getTimestamp(1) == null) {
                        return Optional.empty();
                    }
                    Instant until = rs.getTimestamp(1).toInstant();
                    return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
                }
            }
        });
    }

    /** Records a failure; returns the lock it caused, if any. */
    public Optional<Duration> failed(String account, String source) {
        Instant now = clock.instant();
        return db.tx(c -> {
            int failures = 1;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT failures, last_failure_at FROM login_throttle WHERE account = ? FOR UPDATE")) {
                ps.setString(1, key(account, source));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getTimestamp(2).toInstant().plus(settings.throttleWindow()).isAfter(now)) {
                        failures = rs.getInt(1) + 1;
                    }
                }
            }
            Duration lock = null;
            int over = failures - settings.throttleThreshold();
            if (over >= 0) {
                Duration d = settings.throttleBase().multipliedBy(1L << Math.min(over, 20));
                lock = d.compareTo(settings.throttleMax()) > 0 ? settings.throttleMax() : d;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_throttle (account, failures, "
                    + "last_failure_at, locked_until) VALUES (?, ?, ?, ?) ON CONFLICT (account) DO UPDATE SET "
                    + "failures = excluded.failures, last_failure_at = excluded.last_failure_at, "
                    + "locked_until = excluded.locked_until")) {
                ps.setString(1, key(account, source));
                ps.setInt(2, failures);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setTimestamp(4, lock == null ? null : Timestamp.from(now.plus(lock)));
                ps.executeUpdate();
            }
            return Optional.ofNullable(lock);
        });
    }

    public void succeeded(String account, String source) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_throttle WHERE account = ?")) {
                ps.setString(1, key(account, source));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Rows are deleted on success only, so failures that are never followed by a success (guessing, typos) would
     * pile up forever; a row whose last failure is outside the window and that locks nothing counts for nothing.
     */
    public int purgeStale() {
        Instant now = clock.instant();
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_throttle WHERE last_failure_at < ? "
                    + "AND (locked_until IS NULL OR locked_until < ?)")) {
                ps.setTimestamp(1, Timestamp.from(now.minus(settings.throttleWindow())));
                ps.setTimestamp(2, Timestamp.from(now));
                return ps.executeUpdate();
            }
        });
    }

    /** Seconds for a Retry-After header, rounded up. */
    public static String retryAfter(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }

    /**
     * A fixed-size key: the raw account is client-controlled, and a few KB of incompressible text in the text
     * PRIMARY KEY made PostgreSQL fail (SQLSTATE 54000, index row size) -> 500.
     */
    static String key(String account, String source) {
        String plain = (account == null ? "" : account.trim().toLowerCase(Locale.ROOT)) + " from " + source;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(plain.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
