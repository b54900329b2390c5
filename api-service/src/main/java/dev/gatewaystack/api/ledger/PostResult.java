package dev.gatewaystack.api.ledger;

/** The stored transaction, and whether this request replayed an earlier one with the same Idempotency-Key. */
public record PostResult(LedgerTransaction transaction, boolean replayed) {
}
