-- Pending authorization requests are purged on a schedule; the purge and every lookup filter on expiry.
CREATE INDEX authorization_requests_expiry ON authorization_requests (expires_at);

-- Browser sessions (the gs_session cookie; id = the cookie's jti). Ending one (log-out, role change) puts the
-- cookie's jti on the revocation list and revokes every token family that came from it. auth_time is the
-- original authentication: silent sign-ins and refreshes keep it.
CREATE TABLE sessions (
    id           text PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    auth_time    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    ended_reason text
);
CREATE INDEX sessions_user_live ON sessions (user_id) WHERE ended_at IS NULL;
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Which session a code and the token family redeemed from it belong to (null for families from before V2).
ALTER TABLE authorization_codes ADD COLUMN session_id text;
ALTER TABLE token_families ADD COLUMN session_id text;
CREATE INDEX token_families_session ON token_families (session_id) WHERE revoked_at IS NULL;
CREATE INDEX token_families_user_live ON token_families (user_id) WHERE revoked_at IS NULL;

-- Throttle keys now name the account (or client) and the source address; old per-account rows would lock
-- accounts regardless of source, so they are dropped.
DELETE FROM login_throttle;
