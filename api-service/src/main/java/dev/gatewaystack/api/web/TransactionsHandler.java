package dev.gatewaystack.api.web;

import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.api.auth.JwtAuthenticator;
import dev.gatewaystack.api.http.JsonBodies;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestDates;
import dev.gatewaystack.support.RequestText;
import dev.gatewaystack.api.http.RequestFields;
import dev.gatewaystack.api.ledger.Account;
import dev.gatewaystack.api.ledger.AccountStore;
import dev.gatewaystack.api.ledger.LedgerTransaction;
import dev.gatewaystack.api.ledger.NewTransaction;
import dev.gatewaystack.api.ledger.PageCursor;
import dev.gatewaystack.api.ledger.PostResult;
import dev.gatewaystack.api.ledger.ReferenceData;
import dev.gatewaystack.api.ledger.TransactionFilter;
import dev.gatewaystack.api.ledger.TransactionPage;
import dev.gatewaystack.api.ledger.TransactionStore;
import dev.gatewaystack.route.Authenticated;
import dev.gatewaystack.route.Body;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Idempotent;
import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.Route;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Posting (idempotent by Idempotency-Key) and listing an account's transactions. */
@Authenticated
public final class TransactionsHandler {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final JwtAuthenticator auth;
    private final AccountStore accounts;
    private final TransactionStore transactions;

    public TransactionsHandler(JwtAuthenticator auth, AccountStore accounts, TransactionStore transactions) {
        this.auth = auth;
        this.accounts = accounts;
        this.transactions = transactions;
    }

    /**
     * Posts a transaction. The Idempotency-Key header is required, which makes the route safe to retry: the same
     * key with the same request answers the stored transaction again (201, header Idempotent-Replayed: true); the
     * same key with a different request answers 422.
     */
    @Route(path = "/api/accounts/{id}/transactions", methods = HttpMethod.POST)
    @Idempotent
    @MaxBodySize("16k")
    @Body(request = NewTransaction.class, response = LedgerTransaction.class)
    public void postTransaction(ServerRequest request, ServerResponse response, @PathParam("id") UUID id) {
        Caller caller = auth.require(request);
        String key = request.headers().first(HeaderNames.create(IDEMPOTENCY_KEY)).orElse(null);
        if (key == null || !KEY_FORMAT.matcher(key).matches()) {
            throw Problem.invalid(Map.of(IDEMPOTENCY_KEY, "header is required: 1 to 200 visible ASCII characters, "
                    + "e.g. a UUID, new for every new transaction"));
        }
        RequestFields fields = new RequestFields(JsonBodies.readObject(request),
                Set.of("amountMinor", "currency", "bookingDate", "description", "category"));
        Long amount = fields.wholeNumber("amountMinor");
        fields.check(amount == null || (amount != 0 && Math.abs(amount) <= ReferenceData.MAX_ABS_AMOUNT_MINOR),
                "amountMinor", "must be non-zero and at most " + ReferenceData.MAX_ABS_AMOUNT_MINOR
                        + " in absolute value (negative for money out)");
        String currency = fields.text("currency", 3);
        fields.check(!fields.valid("currency") || ReferenceData.isCurrency(currency), "currency",
                "must be an ISO 4217 currency code, e.g. EUR");
        LocalDate bookingDate = fields.date("bookingDate");
        String description = fields.text("description", 500);
        String category = fields.text("category", 40);
        fields.check(!fields.valid("category") || ReferenceData.isCategory(category), "category",
                "must be one of " + ReferenceData.CATEGORIES);
        fields.throwIfInvalid();

        PostResult result = transactions.post(caller.userId(), id, key,
                new NewTransaction(amount, currency, bookingDate, description, category));
        response.header(HeaderNames.LOCATION, "/api/accounts/" + id + "/transactions/" + result.transaction().id());
        if (result.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        JsonBodies.send(response, Status.CREATED_201, result.transaction());
    }

    /** Newest first; filters {@code from}, {@code to} (inclusive yyyy-MM-dd), {@code category}; {@code limit}, {@code cursor}. */
    @Route(path = "/api/accounts/{id}/transactions", methods = HttpMethod.GET)
    @Body(response = TransactionPage.class)
    public void listTransactions(ServerRequest request, ServerResponse response, @PathParam("id") UUID id) {
        Caller caller = auth.require(request);
        accounts.require(caller.userId(), id);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = dateParam(request, "from", errors);
        LocalDate to = dateParam(request, "to", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.put("to", "must not be before from");
        }
        String category = param(request, "category");
        if (category != null && !ReferenceData.isCategory(category)) {
            errors.put("category", "must be one of " + ReferenceData.CATEGORIES);
        }
        int limit = DEFAULT_LIMIT;
        String limitParam = param(request, "limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.put("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        String cursor = param(request, "cursor");
        JsonBodies.ok(response, transactions.list(id, new TransactionFilter(from, to, category),
                cursor == null ? null : PageCursor.decode(cursor), limit));
    }

    @Route(path = "/api/accounts/{id}/transactions/{transactionId}", methods = HttpMethod.GET)
    @Body(response = LedgerTransaction.class)
    public void getTransaction(ServerRequest request, ServerResponse response, @PathParam("id") UUID id,
                    @PathParam("transactionId") UUID transactionId) {
        Caller caller = auth.require(request);
        JsonBodies.ok(response, transactions.find(caller.userId(), id, transactionId)
                .orElseThrow(() -> Problem.notFound("Transaction " + transactionId)));
    }

    @Route(path = "/api/accounts/{id}/balance", methods = HttpMethod.GET)
    public void balance(ServerRequest request, ServerResponse response, @PathParam("id") UUID id) {
        Caller caller = auth.require(request);
        Account account = accounts.require(caller.userId(), id);
        JsonBodies.ok(response, new Balance(account.id(), account.currency(), account.balanceMinor()));
    }

    /** The balance answer; a record so its keys always come in this order. */
    record Balance(UUID accountId, String currency, long balanceMinor) {
    }

    static String param(ServerRequest request, String name) {
        if (!request.query().contains(name)) {
            return null;
        }
        if (request.query().all(name).size() > 1) {
            throw Problem.invalid(name, "must not be repeated");
        }
        return RequestText.require(name, request.query().get(name));
    }

    private static LocalDate dateParam(ServerRequest request, String name, Map<String, String> errors) {
        String value = param(request, name);
        if (value == null) {
            return null;
        }
        LocalDate date = RequestDates.dateOrNull(value);
        if (date == null) {
            errors.put(name, "must be a date as yyyy-MM-dd (years 0001 to 9999)");
        }
        return date;
    }
}
