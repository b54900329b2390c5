package dev.gatewaystack.api.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;

/** A validated request to post a transaction. */
public record NewTransaction(long amountMinor, String currency, LocalDate bookingDate, String description,
                             String category) {
    /**
     * SHA-256 of the request in a canonical form (field order and JSON spelling do not matter), bound to the
     * account: the same Idempotency-Key with any other request is refused.
     */
    public String fingerprint(UUID accountId) {
        String canonical = String.join("\u0000", accountId.toString(), Long.toString(amountMinor), currency,
                bookingDate.toString(), description, category);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
