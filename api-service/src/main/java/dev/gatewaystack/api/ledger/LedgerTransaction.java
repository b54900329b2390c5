package dev.gatewaystack.api.ledger;

import io.helidon.dbclient.DbRow;

import java.util.UUID;

/** A posted transaction as answered by the API. */
public record LedgerTransaction(UUID id, UUID accountId, long amountMinor, String currency, String bookingDate,
                                String description, String category, String createdAt) {
    public static final String COLUMNS = "id, account_id, amount_minor, currency, booking_date::text AS booking_date, "
            + "description, category, " + Timestamps.iso("created_at") + " AS created_at";

    public static LedgerTransaction from(DbRow row) {
        return new LedgerTransaction(row.column("id").get(UUID.class),
                row.column("account_id").get(UUID.class),
                row.column("amount_minor").get(Long.class),
                row.column("currency").get(String.class),
                row.column("booking_date").get(String.class),
                row.column("description").get(String.class),
                row.column("category").get(String.class),
                row.column("created_at").get(String.class));
    }
}
