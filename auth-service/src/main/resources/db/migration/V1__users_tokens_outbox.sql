-- Users: e-mail is unique regardless of case; roles are a small closed set checked here and in code.
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_roles_known CHECK (roles <@ ARRAY['user', 'admin']::text[] AND cardinality(roles) > 0)
);
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

-- Transactional outbox: rows written in the same transaction as the change they announce.
CREATE TABLE outbox (
    id          uuid PRIMARY KEY,
    exchange    text        NOT NULL,
    routing_key text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    attempts    integer     NOT NULL DEFAULT 0
);
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;

-- Signing keys (private JWK JSON). A retired key stays published until publish_until, when its tokens have expired.
CREATE TABLE signing_keys (
    kid           text PRIMARY KEY,
    jwk           text        NOT NULL,
    created_at    timestamptz NOT NULL,
    retired_at    timestamptz,
    publish_until timestamptz
);

-- An authorization request waiting for the user to log in; the CSRF token is bound to it.
CREATE TABLE authorization_requests (
    id             text PRIMARY KEY,
    client_id      text        NOT NULL,
    redirect_uri   text        NOT NULL,
    scope          text        NOT NULL,
    state          text,
    nonce          text,
    code_challenge text        NOT NULL,
    csrf_token     text        NOT NULL,
    expires_at     timestamptz NOT NULL
);

-- A token family: every refresh token (and access token) descending from one authorization.
CREATE TABLE token_families (
    id         uuid PRIMARY KEY,
    client_id  text        NOT NULL,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    revoked_reason text
);

-- Codes and refresh tokens are stored as SHA-256 hashes: a database leak does not hand out live credentials.
CREATE TABLE authorization_codes (
    code_hash      text PRIMARY KEY,
    client_id      text        NOT NULL,
    redirect_uri   text        NOT NULL,
    scope          text        NOT NULL,
    nonce          text,
    code_challenge text        NOT NULL,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    auth_time      timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    family_id      uuid REFERENCES token_families (id)
);

CREATE TABLE refresh_tokens (
    token_hash text PRIMARY KEY,
    family_id  uuid        NOT NULL REFERENCES token_families (id) ON DELETE CASCADE,
    scope      text        NOT NULL,
    auth_time  timestamptz NOT NULL,
    issued_at  timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

-- Access tokens issued to a family, so revoking the family also revokes its live access tokens.
CREATE TABLE family_access_tokens (
    jti        text PRIMARY KEY,
    family_id  uuid        NOT NULL REFERENCES token_families (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);
CREATE INDEX family_access_tokens_family ON family_access_tokens (family_id);

-- Revoked access tokens until they expire; every replica polls this into memory (no query on the hot path).
CREATE TABLE revoked_access_tokens (
    jti        text PRIMARY KEY,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz NOT NULL DEFAULT now()
);

-- Per-account login throttling, shared by replicas.
CREATE TABLE login_throttle (
    account         text PRIMARY KEY,
    failures        integer     NOT NULL,
    last_failure_at timestamptz NOT NULL,
    locked_until    timestamptz
);
