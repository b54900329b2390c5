package dev.gatewaystack.api.statements;

import java.math.BigDecimal;
import java.util.Currency;

/** RFC 4180 CSV of a month's transactions, safe to open in a spreadsheet. */
final class StatementCsv {
    static final String HEADER = "booking_date,transaction_id,category,description,amount,currency,amount_minor";
    private final StringBuilder out = new StringBuilder(HEADER).append("\r\n");

    void add(String bookingDate, String transactionId, String category, String description, long amountMinor,
             String currency) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        out.append(bookingDate).append(',')
                .append(transactionId).append(',')
                .append(text(category)).append(',')
                .append(text(description)).append(',')
                .append(BigDecimal.valueOf(amountMinor, digits).toPlainString()).append(',')
                .append(currency).append(',')
                .append(amountMinor).append("\r\n");
    }

    /** Quotes when needed; a leading =, +, - or @ is defused so spreadsheets do not run it as a formula. */
    static String text(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
