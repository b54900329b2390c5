package dev.gatewaystack.api.ledger;

import java.time.LocalDate;

/** Optional filters of a transaction listing (null = no filter); dates are inclusive. */
public record TransactionFilter(LocalDate from, LocalDate to, String category) {
}
