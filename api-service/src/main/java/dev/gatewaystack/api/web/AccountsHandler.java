package dev.gatewaystack.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.api.auth.JwtAuthenticator;
import dev.gatewaystack.api.http.JsonBodies;
import dev.gatewaystack.api.http.RequestFields;
import dev.gatewaystack.api.ledger.Account;
import dev.gatewaystack.api.ledger.AccountStore;
import dev.gatewaystack.api.ledger.ReferenceData;
import dev.gatewaystack.route.Authenticated;
import dev.gatewaystack.route.Body;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Idempotent;
import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Slo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The caller's accounts: create, list, get, rename, close. */
@Authenticated
public final class AccountsHandler {
    static final int MAX_NAME = 100;
    private final JwtAuthenticator auth;
    private final AccountStore accounts;

    public AccountsHandler(JwtAuthenticator auth, AccountStore accounts) {
        this.auth = auth;
        this.accounts = accounts;
    }

    @Route(path = "/api/accounts", methods = HttpMethod.POST)
    @MaxBodySize("16k")
    @Slo(availability = "99.9%", latency = "500ms", percentile = 99)
    public void createAccount(ServerRequest request, ServerResponse response) {
        Caller caller = auth.require(request);
        JsonNode body = JsonBodies.readObject(request);
        RequestFields fields = new RequestFields(body, Set.of("name", "currency"));
        String name = fields.text("name", MAX_NAME);
        String currency = fields.text("currency", 3);
        fields.check(fields.valid("currency") && ReferenceData.isCurrency(currency), "currency",
                "must be an ISO 4217 currency code, e.g. EUR (see /api/reference-data)");
        fields.throwIfInvalid();
        Account account = accounts.create(caller.userId(), name, currency);
        response.header(HeaderNames.LOCATION, "/api/accounts/" + account.id());
        JsonBodies.send(response, Status.CREATED_201, account);
    }

    @Route(path = "/api/accounts", methods = HttpMethod.GET)
    @Slo(availability = "99.9%", latency = "300ms", percentile = 99)
    public void listAccounts(ServerRequest request, ServerResponse response) {
        Caller caller = auth.require(request);
        JsonBodies.ok(response, Map.of("items", accounts.list(caller.userId())));
    }

    @Route(path = "/api/accounts/{id}", methods = HttpMethod.GET)
    @Body(response = Account.class)
    public void getAccount(ServerRequest request, ServerResponse response, @PathParam("id") UUID id) {
        Caller caller = auth.require(request);
        JsonBodies.ok(response, accounts.require(caller.userId(), id));
    }

    @Route(path = "/api/accounts/{id}", methods = HttpMethod.PATCH)
    @MaxBodySize("16k")
    public void renameAccount(ServerRequest request, ServerResponse response, @PathParam("id") UUID id) {
        Caller caller = auth.require(request);
        RequestFields fields = new RequestFields(JsonBodies.readObject(request), Set.of("name"));
        String name = fields.text("name", MAX_NAME);
        fields.throwIfInvalid();
        JsonBodies.ok(response, accounts.rename(caller.userId(), id, name));
    }

    /** Closing is idempotent (closing a closed account answers it unchanged), so the gateway may retry it. */
    @Route(path = "/api/accounts/{id}/close", methods = HttpMethod.POST)
    @Idempotent
    @MaxBodySize("1k")
    public void closeAccount(ServerRequest request, ServerResponse response, @PathParam("id") UUID id) {
        Caller caller = auth.require(request);
        JsonBodies.ok(response, accounts.close(caller.userId(), id));
    }
}
