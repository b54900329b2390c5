package dev.gatewaystack.api.web;

import dev.gatewaystack.support.token.Caller;
import dev.gatewaystack.api.auth.JwtAuthenticator;
import dev.gatewaystack.api.http.JsonBodies;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.api.http.RequestFields;
import dev.gatewaystack.api.ledger.AccountStore;
import dev.gatewaystack.api.statements.StatementExport;
import dev.gatewaystack.api.statements.StatementExports;
import dev.gatewaystack.route.Authenticated;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.Route;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Set;
import java.util.UUID;

/** CSV statement of one month: queued (202), polled, then downloaded. */
@Authenticated
public final class StatementsHandler {
    private final JwtAuthenticator auth;
    private final AccountStore accounts;
    private final StatementExports exports;

    public StatementsHandler(JwtAuthenticator auth, AccountStore accounts, StatementExports exports) {
        this.auth = auth;
        this.accounts = accounts;
        this.exports = exports;
    }

    /** Body {@code {"month":"yyyy-MM"}}; answers 202 with the job and its Location. */
    @Route(path = "/api/accounts/{id}/statements", methods = HttpMethod.POST)
    @MaxBodySize("4k")
    public void requestStatement(ServerRequest request, ServerResponse response, @PathParam("id") UUID id) {
        Caller caller = auth.require(request);
        RequestFields fields = new RequestFields(JsonBodies.readObject(request), Set.of("month"));
        String month = fields.text("month", 7);
        fields.throwIfInvalid();
        YearMonth yearMonth = SummaryHandler.month(month);
        accounts.require(caller.userId(), id);
        StatementExport export = exports.request(caller.userId(), id, yearMonth);
        response.header(HeaderNames.LOCATION, "/api/statements/" + export.id());
        JsonBodies.send(response, Status.ACCEPTED_202, export);
    }

    @Route(path = "/api/statements/{id}", methods = HttpMethod.GET)
    public void statementStatus(ServerRequest request, ServerResponse response, @PathParam("id") UUID id) {
        Caller caller = auth.require(request);
        JsonBodies.ok(response, exports.find(caller.userId(), id)
                .orElseThrow(() -> Problem.notFound("Statement export " + id)));
    }

    /** The CSV once the export is READY; 409 before. */
    @Route(path = "/api/statements/{id}/csv", methods = HttpMethod.GET)
    public void downloadStatement(ServerRequest request, ServerResponse response, @PathParam("id") UUID id) {
        Caller caller = auth.require(request);
        String csv = exports.csv(caller.userId(), id);
        response.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        response.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"statement-" + id + ".csv\"");
        response.send(csv.getBytes(StandardCharsets.UTF_8));
    }
}
