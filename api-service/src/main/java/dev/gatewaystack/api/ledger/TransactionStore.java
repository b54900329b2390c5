package dev.gatewaystack.api.ledger;

import dev.gatewaystack.api.db.Database;
import dev.gatewaystack.api.db.SqlStates;
import dev.gatewaystack.api.events.Outbox;
import dev.gatewaystack.api.events.TransactionPostedEvent;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.api.observe.LedgerMetrics;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Posts and reads transactions. A posting is one database transaction: the ledger line, the account's balance and
 * the outbox event commit together or not at all, under the account's row lock; the (user, Idempotency-Key) unique
 * constraint makes a retried posting return the stored result instead of posting twice.
 */
public final class TransactionStore {
    private final Database db;
    private final Outbox outbox;
    private final LedgerMetrics metrics;

    public TransactionStore(Database db, Outbox outbox, LedgerMetrics metrics) {
        this.db = db;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    public PostResult post(String userId, UUID accountId, String idempotencyKey, NewTransaction request) {
        String fingerprint = request.fingerprint(accountId);
        try {
            PostResult result = db.inTransaction(tx -> {
                Account account = AccountStore.find(tx, userId, accountId, true)
                        .orElseThrow(() -> Problem.notFound("Account " + accountId));
                Optional<PostResult> replay = replay(tx, userId, idempotencyKey, fingerprint);
                if (replay.isPresent()) {
                    return replay.get();
                }
                if (!account.open()) {
                    throw Problem.conflict("Account " + accountId + " is closed");
                }
                if (!account.currency().equals(request.currency())) {
                    throw Problem.unprocessable("The transaction's currency " + request.currency()
                            + " differs from the account's currency " + account.currency());
                }
                LedgerTransaction posted = tx.get("INSERT INTO transactions (id, account_id, user_id, amount_minor, "
                                + "currency, booking_date, description, category, idempotency_key, request_hash) "
                                + "VALUES (?::uuid, ?::uuid, ?, ?, ?, ?::date, ?, ?, ?, ?) RETURNING " + LedgerTransaction.COLUMNS,
                        UUID.randomUUID(), accountId, userId, request.amountMinor(), request.currency(),
                        request.bookingDate().toString(), request.description(), request.category(),
                        idempotencyKey, fingerprint).map(LedgerTransaction::from).orElseThrow();
                tx.dml("UPDATE accounts SET balance_minor = balance_minor + ? WHERE id = ?::uuid",
                        request.amountMinor(), accountId);
                outbox.append(tx, accountId.toString(), TransactionPostedEvent.of(UUID.randomUUID(), Instant.now(),
                        userId, posted));
                return new PostResult(posted, false);
            });
            if (!result.replayed()) {
                metrics.transactionPosted();
            }
            return result;
        } catch (RuntimeException e) {
            if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                // The same key was posted concurrently to another account (a different row lock): the winner's
                // row exists now; answer as for any reuse of the key.
                return replay(db.client().execute(), userId, idempotencyKey, fingerprint).orElseThrow(() -> e);
            }
            if (SqlStates.is(e, SqlStates.NUMERIC_OUT_OF_RANGE)) {
                // balance_minor is BIGINT and PostgreSQL checks the addition: nothing was stored.
                throw Problem.unprocessable("amountMinor would take the account's balance beyond "
                        + "±9223372036854775807 minor units", Map.of("amountMinor",
                        "would overflow the account's balance (balanceMinor)"));
            }
            throw e;
        }
    }

    private static Optional<PostResult> replay(DbExecute exec, String userId, String key, String fingerprint) {
        return exec.get("SELECT request_hash, " + LedgerTransaction.COLUMNS + " FROM transactions "
                        + "WHERE user_id = ? AND idempotency_key = ?", userId, key)
                .map(row -> {
                    if (!row.column("request_hash").get(String.class).equals(fingerprint)) {
                        throw Problem.unprocessable("Idempotency-Key '" + key + "' was already used with a different "
                                + "request; use a new key for a new transaction");
                    }
                    return new PostResult(LedgerTransaction.from(row), true);
                });
    }

    public Optional<LedgerTransaction> find(String userId, UUID accountId, UUID transactionId) {
        return db.client().execute().get("SELECT " + LedgerTransaction.COLUMNS + " FROM transactions "
                        + "WHERE id = ?::uuid AND account_id = ?::uuid AND user_id = ?", transactionId, accountId, userId)
                .map(LedgerTransaction::from);
    }

    /** A page of the account's transactions (the account must belong to the caller: checked by the handler). */
    public TransactionPage list(UUID accountId, TransactionFilter filter, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT position, " + LedgerTransaction.COLUMNS
                + " FROM transactions WHERE account_id = ?::uuid");
        List<Object> params = new ArrayList<>(List.of(accountId));
        if (filter.from() != null) {
            sql.append(" AND booking_date >= ?::date");
            params.add(filter.from().toString());
        }
        if (filter.to() != null) {
            sql.append(" AND booking_date <= ?::date");
            params.add(filter.to().toString());
        }
        if (filter.category() != null) {
            sql.append(" AND category = ?");
            params.add(filter.category());
        }
        if (after != null) {
            sql.append(" AND (booking_date, position) < (?::date, ?)");
            params.add(after.bookingDate().toString());
            params.add(after.position());
        }
        sql.append(" ORDER BY booking_date DESC, position DESC LIMIT ?");
        params.add(limit + 1);
        List<DbRow> rows = db.client().execute().createQuery(sql.toString()).params(params).execute().toList();
        List<LedgerTransaction> items = rows.stream().limit(limit).map(LedgerTransaction::from).toList();
        String next = null;
        if (rows.size() > limit) {
            DbRow last = rows.get(limit - 1);
            next = new PageCursor(LocalDate.parse(last.column("booking_date").get(String.class)),
                    last.column("position").get(Long.class)).encode();
        }
        return new TransactionPage(items, next);
    }
}
