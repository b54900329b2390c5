package dev.gatewaystack.support;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Dates and months a client sends: strictly {@code yyyy-MM-dd} / {@code yyyy-MM} with a year from 1 to 9999 (what
 * PostgreSQL's {@code date} and every client can hold; year 0, negative and 5-digit years are refused), and a real
 * day (2025-02-30 is refused, not rounded). Anything else is a 400 naming the field.
 */
public final class RequestDates {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM")
            .withResolverStyle(ResolverStyle.STRICT);

    private RequestDates() {
    }

    /** The date, or null when {@code value} is not a valid {@code yyyy-MM-dd} in years 1 to 9999. */
    public static LocalDate dateOrNull(String value) {
        if (value == null || !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value, DATE);
            return d.getYear() >= 1 ? d : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The month, or null when {@code value} is not a valid {@code yyyy-MM} in years 1 to 9999. */
    public static YearMonth monthOrNull(String value) {
        if (value == null || !value.matches("\\d{4}-\\d{2}")) {
            return null;
        }
        try {
            YearMonth m = YearMonth.parse(value, MONTH);
            return m.getYear() >= 1 ? m : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static YearMonth month(String field, String value) {
        YearMonth m = monthOrNull(value);
        if (m == null) {
            throw Problem.invalid(field, "must be a month as yyyy-MM (years 0001 to 9999)");
        }
        return m;
    }
}
