package dev.gatewaystack.api.ledger;

import io.helidon.dbclient.DbRow;

import java.util.UUID;

/** An account as answered by the API; balances in minor units of {@code currency}. */
public record Account(UUID id, String name, String currency, boolean isDefault, String status,
                      long balanceMinor, String createdAt, String closedAt) {
    /** The SELECT list {@link #from(DbRow)} reads. */
    public static final String COLUMNS = "id, name, currency, is_default, status, balance_minor, "
            + Timestamps.iso("created_at") + " AS created_at, " + Timestamps.iso("closed_at") + " AS closed_at";

    public static Account from(DbRow row) {
        return new Account(row.column("id").get(UUID.class),
                row.column("name").get(String.class),
                row.column("currency").get(String.class),
                row.column("is_default").get(Boolean.class),
                row.column("status").get(String.class),
                row.column("balance_minor").get(Long.class),
                row.column("created_at").get(String.class),
                row.column("closed_at").get(String.class));
    }

    public boolean open() {
        return "OPEN".equals(status);
    }
}
