-- The ledger: accounts and their transactions. Amounts are minor units (BIGINT); a balance is kept on the account row
-- and changed only in the transaction that inserts the ledger line, under the account's row lock.
CREATE TABLE accounts (
    id            UUID PRIMARY KEY,
    user_id       TEXT        NOT NULL,
    name          TEXT        NOT NULL,
    currency      CHAR(3)     NOT NULL,
    is_default    BOOLEAN     NOT NULL DEFAULT FALSE,
    status        TEXT        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
    balance_minor BIGINT      NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    closed_at     TIMESTAMPTZ
);
CREATE INDEX accounts_by_user ON accounts (user_id, created_at, id);
-- At most one default account per user: makes "create the default account on user.registered" idempotent.
CREATE UNIQUE INDEX accounts_one_default_per_user ON accounts (user_id) WHERE is_default;

CREATE TABLE transactions (
    id              UUID PRIMARY KEY,
    -- Insertion order: the tie-breaker of the (booking_date, position) pagination cursor.
    position        BIGSERIAL   NOT NULL UNIQUE,
    account_id      UUID        NOT NULL REFERENCES accounts (id),
    user_id         TEXT        NOT NULL,
    amount_minor    BIGINT      NOT NULL CHECK (amount_minor <> 0),
    currency        CHAR(3)     NOT NULL,
    booking_date    DATE        NOT NULL,
    description     TEXT        NOT NULL,
    category        TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    -- SHA-256 of the canonical request; the same key with another request answers 422.
    request_hash    TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT transactions_idempotency UNIQUE (user_id, idempotency_key)
);
CREATE INDEX transactions_page ON transactions (account_id, booking_date DESC, position DESC);

-- Transactional outbox: written with the ledger line, published to Kafka by OutboxRelay.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    event_id     UUID        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL,
    message_key  TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- Read model maintained by the ledger.transactions consumer; processed_events makes it idempotent.
CREATE TABLE processed_events (
    event_id     UUID PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE monthly_summary (
    account_id    UUID    NOT NULL,
    month         CHAR(7) NOT NULL,
    category      TEXT    NOT NULL,
    income_minor  BIGINT  NOT NULL DEFAULT 0,
    expense_minor BIGINT  NOT NULL DEFAULT 0,
    tx_count      BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, month, category)
);

-- Statement exports: queued on RabbitMQ, built by StatementWorker, downloadable when READY.
CREATE TABLE statement_exports (
    id           UUID PRIMARY KEY,
    user_id      TEXT        NOT NULL,
    account_id   UUID        NOT NULL REFERENCES accounts (id),
    month        CHAR(7)     NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('QUEUED', 'READY', 'FAILED')),
    csv          TEXT,
    error        TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at TIMESTAMPTZ
);
