package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.AuthSettings;
import dev.gatewaystack.auth.crypto.Secrets;
import dev.gatewaystack.auth.db.Database;
import dev.gatewaystack.auth.session.Sessions;
import dev.gatewaystack.auth.token.RevocationList;
import dev.gatewaystack.auth.token.TokenFamilies;
import dev.gatewaystack.auth.token.TokenIssuer;
import dev.gatewaystack.auth.user.User;
import dev.gatewaystack.auth.user.UserRepository;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestLogContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Authorization requests, codes, token families and refresh tokens in PostgreSQL. Codes and refresh tokens are
 * single-use: presenting a used one again revokes the whole family (every refresh token and live access token
 * descending from the same login), per the OAuth 2.0 Security BCP.
 */
public final class Grants {
    private final AuthSettings settings;
    private final Database db;
    private final UserRepository users;
    private final TokenIssuer issuer;
    private final RevocationList revocations;
    private final TokenFamilies families;
    private final Clock clock;

    public Grants(AuthSettings settings, Database db, UserRepository users, TokenIssuer issuer,
                  RevocationList revocations, TokenFamilies families, Clock clock) {
        this.settings = settings;
        this.db = db;
        this.users = users;
        this.issuer = issuer;
        this.revocations = revocations;
        this.families = families;
        this.clock = clock;
    }

    // ---- authorization requests (login pending) ----

    public PendingAuthorization createPending(String clientId, String redirectUri, String scope, String state,
                                              String nonce, String codeChallenge) {
        PendingAuthorization p = new PendingAuthorization(Secrets.random(), clientId, redirectUri, scope, state,
                nonce, codeChallenge, Secrets.random());
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO authorization_requests (id, client_id, "
                    + "redirect_uri, scope, state, nonce, code_challenge, csrf_token, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, p.id());
                ps.setString(2, clientId);
                ps.setString(3, redirectUri);
                ps.setString(4, scope);
                ps.setString(5, state);
                ps.setString(6, nonce);
                ps.setString(7, codeChallenge);
                ps.setString(8, p.csrfToken());
                ps.setTimestamp(9, Timestamp.from(clock.instant().plus(settings.loginTtl())));
                ps.executeUpdate();
            }
            return null;
        });
        return p;
    }

    /** Deletes expired pending requests (scheduled; anonymous authorize calls create them). Returns the count. */
    public int purgeExpiredPending() {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM authorization_requests WHERE expires_at < now()")) {
                return ps.executeUpdate();
            }
        });
    }

    public Optional<PendingAuthorization> pending(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, client_id, redirect_uri, scope, state, nonce, "
                    + "code_challenge, csrf_token FROM authorization_requests WHERE id = ? AND expires_at > now()")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new PendingAuthorization(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        });
    }

    /**
     * Completes a pending request for the authenticated user: deletes it (so it cannot be replayed) and returns a
     * fresh authorization code, or empty when another tab already completed it.
     */
    public Optional<String> complete(PendingAuthorization p, UUID userId, Instant authTime, String sessionId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM authorization_requests WHERE id = ?")) {
                ps.setString(1, p.id());
                if (ps.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            return Optional.of(insertCode(c, p.clientId(), p.redirectUri(), p.scope(), p.nonce(),
                    p.codeChallenge(), userId, authTime, sessionId));
        });
    }

    /** A code without a login page, for a browser with a live session; authTime is the session's own. */
    public String codeForSession(String clientId, String redirectUri, String scope, String nonce,
                                 String codeChallenge, Sessions.Session session) {
        return db.tx(c -> insertCode(c, clientId, redirectUri, scope, nonce, codeChallenge, session.userId(),
                session.authTime(), session.id()));
    }

    private String insertCode(Connection c, String clientId, String redirectUri, String scope, String nonce,
                              String codeChallenge, UUID userId, Instant authTime, String sessionId)
            throws SQLException {
        String code = Secrets.random();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO authorization_codes (code_hash, client_id, "
                + "redirect_uri, scope, nonce, code_challenge, user_id, auth_time, expires_at, session_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, Secrets.sha256(code));
            ps.setString(2, clientId);
            ps.setString(3, redirectUri);
            ps.setString(4, scope);
            ps.setString(5, nonce);
            ps.setString(6, codeChallenge);
            ps.setObject(7, userId);
            ps.setTimestamp(8, Timestamp.from(authTime));
            ps.setTimestamp(9, Timestamp.from(clock.instant().plus(settings.codeTtl())));
            ps.setString(10, sessionId);
            ps.executeUpdate();
        }
        return code;
    }

    // ---- token endpoint ----

    /** authorization_code grant: exact redirect_uri, PKCE S256, single use (reuse revokes what it produced). */
    public TokenSet redeemCode(Client client, String code, String redirectUri, String verifier) {
        Object outcome = db.tx(c -> {
            String sql = "SELECT client_id, redirect_uri, scope, nonce, code_challenge, user_id, auth_time, "
                    + "expires_at, used_at, family_id, session_id FROM authorization_codes WHERE code_hash = ? FOR UPDATE";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, Secrets.sha256(code));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return invalidGrant("unknown authorization code");
                    }
                    UUID family = rs.getObject("family_id", UUID.class);
                    if (rs.getTimestamp("used_at") != null) {
                        if (family != null) {
                            families.revoke(c, family, "authorization code reuse");
                        }
                        return invalidGrant("authorization code already used; tokens issued for it are revoked");
                    }
                    markCodeUsed(c, code);
                    if (rs.getTimestamp("expires_at").toInstant().isBefore(clock.instant())) {
                        return invalidGrant("authorization code expired");
                    }
                    if (!client.id().equals(rs.getString("client_id"))) {
                        return invalidGrant("authorization code was issued to another client");
                    }
                    if (!rs.getString("redirect_uri").equals(redirectUri)) {
                        return invalidGrant("redirect_uri does not match the authorization request");
                    }
                    if (!Pkce.matches(verifier, rs.getString("code_challenge"))) {
                        return invalidGrant("PKCE verification failed: code_verifier does not match code_challenge");
                    }
                    String sessionId = rs.getString("session_id");
                    if (sessionId != null && Sessions.ended(c, sessionId)) {
                        return invalidGrant("the sign-in session of this code has ended");
                    }
                    UUID userId = rs.getObject("user_id", UUID.class);
                    Optional<User> user = users.byId(c, userId);
                    if (user.isEmpty()) {
                        return invalidGrant("the user no longer exists");
                    }
                    UUID familyId = UUID.randomUUID();
                    try (PreparedStatement f = c.prepareStatement(
                            "INSERT INTO token_families (id, client_id, user_id, session_id) VALUES (?, ?, ?, ?)")) {
                        f.setObject(1, familyId);
                        f.setString(2, client.id());
                        f.setObject(3, userId);
                        f.setString(4, sessionId);
                        f.executeUpdate();
                    }
                    try (PreparedStatement u = c.prepareStatement(
                            "UPDATE authorization_codes SET family_id = ? WHERE code_hash = ?")) {
                        u.setObject(1, familyId);
                        u.setString(2, Secrets.sha256(code));
                        u.executeUpdate();
                    }
                    return issue(c, familyId, client.id(), user.get(), rs.getString("scope"),
                            rs.getTimestamp("auth_time").toInstant(), rs.getString("nonce"), sessionId);
                }
            }
        });
        return result(outcome);
    }

    /** refresh_token grant: rotates the token; a second use of any refresh token revokes its family. */
    public TokenSet refresh(Client client, String refreshToken, String requestedScope) {
        Object outcome = db.tx(c -> {
            String sql = "SELECT rt.family_id, rt.scope, rt.auth_time, rt.expires_at, rt.used_at, f.client_id, "
                    + "f.user_id, f.revoked_at, f.session_id FROM refresh_tokens rt JOIN token_families f ON f.id = rt.family_id "
                    + "WHERE rt.token_hash = ? FOR UPDATE OF rt, f";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, Secrets.sha256(refreshToken));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return invalidGrant("unknown refresh token");
                    }
                    UUID familyId = rs.getObject("family_id", UUID.class);
                    if (!client.id().equals(rs.getString("client_id"))) {
                        return invalidGrant("refresh token was issued to another client");
                    }
                    if (rs.getTimestamp("revoked_at") != null) {
                        return invalidGrant("refresh token revoked");
                    }
                    if (rs.getTimestamp("used_at") != null) {
                        families.revoke(c, familyId, "refresh token reuse");
                        return invalidGrant("refresh token already used; its token family is revoked");
                    }
                    if (rs.getTimestamp("expires_at").toInstant().isBefore(clock.instant())) {
                        return invalidGrant("refresh token expired");
                    }
                    String granted = rs.getString("scope");
                    String scope = granted;
                    if (requestedScope != null && !requestedScope.isBlank()) {
                        Set<String> allowed = new HashSet<>(Arrays.asList(granted.split(" ")));
                        if (!allowed.containsAll(Arrays.asList(requestedScope.trim().split("\\s+")))) {
                            return Problem.oauth(400, "invalid_scope", "scope exceeds the scope originally granted");
                        }
                        scope = String.join(" ", requestedScope.trim().split("\\s+"));
                    }
                    try (PreparedStatement u = c.prepareStatement(
                            "UPDATE refresh_tokens SET used_at = now() WHERE token_hash = ?")) {
                        u.setString(1, Secrets.sha256(refreshToken));
                        u.executeUpdate();
                    }
                    Optional<User> user = users.byId(c, rs.getObject("user_id", UUID.class));
                    if (user.isEmpty()) {
                        return invalidGrant("the user no longer exists");
                    }
                    return issue(c, familyId, client.id(), user.get(), scope,
                            rs.getTimestamp("auth_time").toInstant(), null, rs.getString("session_id"));
                }
            }
        });
        return result(outcome);
    }

    /** RFC 7009 for refresh tokens: revokes the family when the token belongs to the client; false if unknown. */
    public boolean revokeRefreshToken(Client client, String token) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT f.id, f.client_id FROM refresh_tokens rt "
                    + "JOIN token_families f ON f.id = rt.family_id WHERE rt.token_hash = ? FOR UPDATE OF f")) {
                ps.setString(1, Secrets.sha256(token));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    if (client.id().equals(rs.getString(2))) {
                        families.revoke(c, rs.getObject(1, UUID.class), "revoked by client");
                    }
                    return true;
                }
            }
        });
    }

    /** RFC 7009 for access tokens: the jti goes on the revocation list until the token expires. */
    public void revokeAccessToken(String jti, Instant expiresAt) {
        db.tx(c -> {
            revocations.revoke(c, jti, expiresAt);
            return null;
        });
        revocations.remember(List.of(jti), expiresAt);
    }

    private Object issue(Connection c, UUID familyId, String clientId, User user, String scope, Instant authTime,
                         String nonce, String sessionId) throws SQLException {
        // The code or refresh token proved this user (on the request's thread, inside its transaction).
        RequestLogContext.authenticated(user.id().toString());
        TokenIssuer.Issued access = issuer.accessToken(user.id().toString(), clientId, scope, user.roles());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO family_access_tokens (jti, family_id, expires_at) VALUES (?, ?, ?)")) {
            ps.setString(1, access.jti());
            ps.setObject(2, familyId);
            ps.setTimestamp(3, Timestamp.from(access.expiresAt()));
            ps.executeUpdate();
        }
        String refresh = Secrets.random();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO refresh_tokens (token_hash, family_id, scope, "
                + "auth_time, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, Secrets.sha256(refresh));
            ps.setObject(2, familyId);
            ps.setString(3, scope);
            ps.setTimestamp(4, Timestamp.from(authTime));
            ps.setTimestamp(5, Timestamp.from(clock.instant().plus(settings.refreshTtl())));
            ps.executeUpdate();
        }
        String idToken = null;
        if (Arrays.asList(scope.split(" ")).contains("openid")) {
            idToken = issuer.idToken(user.id(), user.email(), user.roles(), clientId, nonce, authTime,
                    sessionId, access.value()).value();
        }
        return new TokenSet(access.value(), settings.accessTtl().toSeconds(), scope, refresh, idToken);
    }

    private static void markCodeUsed(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE authorization_codes SET used_at = now() WHERE code_hash = ?")) {
            ps.setString(1, Secrets.sha256(code));
            ps.executeUpdate();
        }
    }

    private static Problem invalidGrant(String description) {
        return Problem.oauth(400, "invalid_grant", description);
    }

    /** Problems are returned from the transaction (so revocations commit) and thrown after it. */
    private static TokenSet result(Object outcome) {
        if (outcome instanceof Problem p) {
            throw p;
        }
        return (TokenSet) outcome;
    }
}
