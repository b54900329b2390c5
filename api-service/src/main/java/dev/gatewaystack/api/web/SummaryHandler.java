package dev.gatewaystack.api.web;

import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.api.auth.JwtAuthenticator;
import dev.gatewaystack.api.db.Database;
import dev.gatewaystack.api.http.JsonBodies;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestDates;
import dev.gatewaystack.api.ledger.Account;
import dev.gatewaystack.api.ledger.AccountStore;
import dev.gatewaystack.route.Authenticated;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.Route;
import io.helidon.dbclient.DbRow;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The monthly summary by category, read from the read model the Kafka consumer maintains: eventually consistent
 * (normally within a second of posting).
 */
@Authenticated
public final class SummaryHandler {
    private final JwtAuthenticator auth;
    private final AccountStore accounts;
    private final Database db;

    public SummaryHandler(JwtAuthenticator auth, AccountStore accounts, Database db) {
        this.auth = auth;
        this.accounts = accounts;
        this.db = db;
    }

    /** {@code ?month=yyyy-MM}, default the current month (UTC). */
    @Route(path = "/api/accounts/{id}/summary", methods = HttpMethod.GET)
    public void monthlySummary(ServerRequest request, ServerResponse response, @PathParam("id") UUID id) {
        Caller caller = auth.require(request);
        Account account = accounts.require(caller.userId(), id);
        YearMonth month = month(TransactionsHandler.param(request, "month"));
        List<Map<String, Object>> categories = db.client().execute().query("SELECT category, income_minor, "
                        + "expense_minor, tx_count FROM monthly_summary WHERE account_id = ?::uuid AND month = ? "
                        + "ORDER BY category", id, month.toString())
                .map(SummaryHandler::category).toList();
        // Totals are NUMERIC in the read model and added here without overflow (no long arithmetic).
        BigInteger income = sum(categories, "incomeMinor");
        BigInteger expense = sum(categories, "expenseMinor");
        BigInteger count = sum(categories, "count");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", id);
        body.put("month", month.toString());
        body.put("currency", account.currency());
        body.put("incomeMinor", income);
        body.put("expenseMinor", expense);
        body.put("netMinor", income.subtract(expense));
        body.put("count", count);
        body.put("categories", categories);
        JsonBodies.ok(response, body);
    }

    static YearMonth month(String value) {
        if (value == null) {
            return YearMonth.now(java.time.ZoneOffset.UTC);
        }
        return RequestDates.month("month", value);
    }

    private static BigInteger sum(List<Map<String, Object>> categories, String field) {
        return categories.stream().map(c -> (BigInteger) c.get(field)).reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static Map<String, Object> category(DbRow row) {
        BigInteger income = row.column("income_minor").get(BigDecimal.class).toBigIntegerExact();
        BigInteger expense = row.column("expense_minor").get(BigDecimal.class).toBigIntegerExact();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("category", row.column("category").get(String.class));
        c.put("incomeMinor", income);
        c.put("expenseMinor", expense);
        c.put("netMinor", income.subtract(expense));
        c.put("count", BigInteger.valueOf(row.column("tx_count").get(Long.class)));
        return c;
    }
}
