package dev.gatewaystack.api.ledger;

import java.util.List;

/** One page of transactions, newest booking date first; {@code nextCursor} is null on the last page. */
public record TransactionPage(List<LedgerTransaction> items, String nextCursor) {
}
