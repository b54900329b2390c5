package dev.gatewaystack.support;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared input rules: what PostgreSQL or a client cannot hold is refused as a 400 naming the field. */
class RequestRulesTest {
    @Test
    void datesAreStrictAndWithinYears1To9999() {
        assertEquals(LocalDate.of(2024, 2, 29), RequestDates.dateOrNull("2024-02-29"));
        assertEquals(LocalDate.of(1, 1, 1), RequestDates.dateOrNull("0001-01-01"));
        assertEquals(LocalDate.of(9999, 12, 31), RequestDates.dateOrNull("9999-12-31"));
        for (String bad : new String[] {"0000-01-01", "-0001-01-01", "+10000-01-01", "2025-02-30", "2025-13-01",
                "2025-00-10", "2025-1-1", "2025-01-01T00:00", " 2025-01-01", "２０２５-01-01", ""}) {
            assertNull(RequestDates.dateOrNull(bad), bad);
        }
    }

    @Test
    void monthsAreStrictAndWithinYears1To9999() {
        assertEquals(YearMonth.of(2025, 12), RequestDates.monthOrNull("2025-12"));
        for (String bad : new String[] {"2025-13", "2025-00", "0000-01", "-0001-01", "+99999-01", "2025-1", "202501"}) {
            assertNull(RequestDates.monthOrNull(bad), bad);
        }
        assertTrue(assertThrows(Problem.class, () -> RequestDates.month("month", "2025-13")).fields()
                .containsKey("month"));
    }

    @Test
    void textWithControlCharactersOrLoneSurrogatesIsRefused() {
        assertFalse(RequestText.fault("Grüße 😀 \u00a0ok").isPresent());
        assertFalse(RequestText.fault(null).isPresent());
        for (String bad : new String[] {"a\u0000b", "\u0001", "tab\there", "line\nbreak", "del\u007f", "\u0085",
                "\ud800", "x\udc00", "\ud83d", "\udc00\ud800"}) {
            assertTrue(RequestText.fault(bad).isPresent(), bad);
        }
        Problem p = assertThrows(Problem.class, () -> RequestText.require("email", "a\u0000@example.com"));
        assertEquals(Map.of("email", "must not contain control characters"), p.fields());
    }
}
