package dev.gatewaystack.api.ledger;

import dev.gatewaystack.api.db.Database;
import dev.gatewaystack.support.Problem;
import io.helidon.dbclient.DbExecute;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts, always scoped to their owner: another user's account is indistinguishable from a missing one. */
public final class AccountStore {
    private final Database db;

    public AccountStore(Database db) {
        this.db = db;
    }

    public Account create(String userId, String name, String currency) {
        UUID id = UUID.randomUUID();
        return db.client().execute().get("INSERT INTO accounts (id, user_id, name, currency) VALUES (?::uuid, ?, ?, ?) "
                        + "RETURNING " + Account.COLUMNS, id, userId, name, currency)
                .map(Account::from).orElseThrow();
    }

    /** Creates the user's default account unless one exists; true when this call created it. */
    public boolean createDefault(String userId, String name, String currency) {
        long inserted = db.client().execute().insert("INSERT INTO accounts (id, user_id, name, currency, is_default) "
                        + "VALUES (?::uuid, ?, ?, ?, TRUE) ON CONFLICT (user_id) WHERE is_default DO NOTHING",
                UUID.randomUUID(), userId, name, currency);
        return inserted == 1;
    }

    public List<Account> list(String userId) {
        return db.client().execute().query("SELECT " + Account.COLUMNS + " FROM accounts WHERE user_id = ? "
                + "ORDER BY created_at, id", userId).map(Account::from).toList();
    }

    public Optional<Account> find(String userId, UUID id) {
        return find(db.client().execute(), userId, id, false);
    }

    /** The caller's account, optionally locked for the rest of {@code exec}'s transaction. */
    static Optional<Account> find(DbExecute exec, String userId, UUID id, boolean lock) {
        return exec.get("SELECT " + Account.COLUMNS + " FROM accounts WHERE id = ?::uuid AND user_id = ?"
                + (lock ? " FOR UPDATE" : ""), id, userId).map(Account::from);
    }

    public Account require(String userId, UUID id) {
        return find(userId, id).orElseThrow(() -> Problem.notFound("Account " + id));
    }

    public Account rename(String userId, UUID id, String name) {
        return db.inTransaction(tx -> {
            Account account = find(tx, userId, id, true).orElseThrow(() -> Problem.notFound("Account " + id));
            if (!account.open()) {
                throw Problem.conflict("Account " + id + " is closed and cannot be renamed");
            }
            return tx.get("UPDATE accounts SET name = ? WHERE id = ?::uuid RETURNING " + Account.COLUMNS, name, id)
                    .map(Account::from).orElseThrow();
        });
    }

    /** Closes an account with a zero balance; closing a closed account answers it unchanged. */
    public Account close(String userId, UUID id) {
        return db.inTransaction(tx -> {
            Account account = find(tx, userId, id, true).orElseThrow(() -> Problem.notFound("Account " + id));
            if (!account.open()) {
                return account;
            }
            if (account.balanceMinor() != 0) {
                throw Problem.conflict("Account " + id + " has a balance of " + account.balanceMinor()
                        + " minor units; only an account with a zero balance can be closed");
            }
            return tx.get("UPDATE accounts SET status = 'CLOSED', closed_at = now() WHERE id = ?::uuid RETURNING "
                    + Account.COLUMNS, id).map(Account::from).orElseThrow();
        });
    }
}
