package dev.gatewaystack.api.events;

import dev.gatewaystack.api.ledger.LedgerTransaction;

import java.time.Instant;
import java.util.UUID;

/**
 * Version 1 of the event on topic {@code ledger.transactions} (record key: the account id), documented in README.md.
 * Consumers deduplicate by {@code eventId}: delivery is at least once.
 */
public record TransactionPostedEvent(
        UUID eventId,
        String type,
        int schemaVersion,
        String occurredAt,
        UUID transactionId,
        UUID accountId,
        String userId,
        long amountMinor,
        String currency,
        String bookingDate,
        String category,
        String description) {

    public static final String TYPE = "ledger.transaction.posted";
    public static final int SCHEMA_VERSION = 1;

    public static TransactionPostedEvent of(UUID eventId, Instant occurredAt, String userId, LedgerTransaction t) {
        return new TransactionPostedEvent(eventId, TYPE, SCHEMA_VERSION, occurredAt.toString(), t.id(),
                t.accountId(), userId, t.amountMinor(), t.currency(), t.bookingDate(), t.category(), t.description());
    }

    /** {@code yyyy-MM} of the booking date: the monthly summary's bucket. */
    public String month() {
        return bookingDate.substring(0, 7);
    }
}
