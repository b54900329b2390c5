package dev.gatewaystack.api.ledger;

import dev.gatewaystack.support.Problem;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

/**
 * Keyset cursor: the (booking date, insertion position) of the last item of a page. Opaque to clients; stable while
 * new transactions are posted (unlike offsets).
 */
public record PageCursor(LocalDate bookingDate, long position) {
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((bookingDate + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 2) {
                throw new IllegalArgumentException("two parts expected");
            }
            return new PageCursor(LocalDate.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw Problem.invalid(java.util.Map.of("cursor", "is not a cursor this API returned"));
        }
    }
}
