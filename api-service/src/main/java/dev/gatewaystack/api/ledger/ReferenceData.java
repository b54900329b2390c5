package dev.gatewaystack.api.ledger;

import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The currencies and categories the ledger accepts; also served, cached by the gateway, to clients. */
public final class ReferenceData {
    /** Categories of a transaction; a fixed list so the monthly summary groups consistently. */
    public static final List<String> CATEGORIES = List.of(
            "salary", "income-other", "rent", "groceries", "dining", "transport", "utilities", "health",
            "entertainment", "shopping", "travel", "savings", "transfer", "fees", "other");

    /** ISO 4217 codes of real currencies: the JDK's list minus funds and metals without minor units (XAU, XXX, ...). */
    public static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getDefaultFractionDigits() >= 0)
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toCollection(TreeSet::new));

    /** Largest absolute amount of one transaction, in minor units: far below BIGINT, far above any real payment. */
    public static final long MAX_ABS_AMOUNT_MINOR = 1_000_000_000_000_000L;

    private ReferenceData() {
    }

    public static boolean isCurrency(String code) {
        return code != null && CURRENCIES.contains(code);
    }

    public static boolean isCategory(String category) {
        return category != null && CATEGORIES.contains(category);
    }

    public static List<Currency> currencies() {
        return CURRENCIES.stream().map(Currency::getInstance)
                .sorted(Comparator.comparing(Currency::getCurrencyCode)).toList();
    }
}
