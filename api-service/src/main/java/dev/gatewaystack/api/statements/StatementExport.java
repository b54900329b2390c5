package dev.gatewaystack.api.statements;

import io.helidon.dbclient.DbRow;

import java.util.UUID;

/** A statement export job: QUEUED until the worker has built the CSV, then READY (or FAILED). */
public record StatementExport(UUID id, UUID accountId, String month, String status, String error, String createdAt,
                              String completedAt) {
    static final String COLUMNS = "id, account_id, month, status, error, "
            + "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS created_at, "
            + "to_char(completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS completed_at";

    static StatementExport from(DbRow row) {
        return new StatementExport(row.column("id").get(UUID.class), row.column("account_id").get(UUID.class),
                row.column("month").get(String.class), row.column("status").get(String.class),
                row.column("error").get(String.class), row.column("created_at").get(String.class),
                row.column("completed_at").get(String.class));
    }
}
