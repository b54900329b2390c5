package dev.gatewaystack.api;

import dev.gatewaystack.api.support.ApiClient;
import dev.gatewaystack.api.support.Closer;
import dev.gatewaystack.api.support.TestApp;
import dev.gatewaystack.api.support.TestDatabase;
import dev.gatewaystack.api.support.TestJwks;
import dev.gatewaystack.route.model.RouteSpec;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.support.fuzz.FuzzCase;
import dev.gatewaystack.support.fuzz.FuzzCorpus;
import dev.gatewaystack.support.fuzz.FuzzRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of api-service's manifest against the shared fuzz corpus (service-support's test-jar), anonymous and
 * with a valid token on the user's own account and transaction: no 5xx, every 4xx a problem, every request answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceFuzzTest {
    private TestDatabase db;
    private TestJwks jwks;
    private TestApp app;
    private ApiService service;

    @BeforeAll
    void start() {
        db = new TestDatabase();
        jwks = new TestJwks();
        app = new TestApp(db, jwks);
        service = app.start("fuzz");
    }

    @AfterAll
    void stop() throws Exception {
        Closer.closeAll(service, app, jwks, db);
    }

    @Test
    void noMalformedRequestGetsA5xxOrANonProblemAnswer() {
        ApiClient api = new ApiClient(service.port());
        String token = jwks.token(UUID.randomUUID().toString());
        ApiClient.Response account = api.post("/api/accounts", token, "{\"name\":\"Fuzz\",\"currency\":\"EUR\"}");
        assertEquals(201, account.status(), account::toString);
        String accountId = account.json().get("id").asText();
        ApiClient.Response tx = api.post("/api/accounts/" + accountId + "/transactions", token,
                "{\"amountMinor\":-100,\"currency\":\"EUR\",\"bookingDate\":\"2025-01-02\",\"description\":\"x\","
                        + "\"category\":\"groceries\"}", "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(201, tx.status(), tx::toString);

        ServiceManifest manifest = FuzzCorpus.manifestOnClassPath("api-service");
        assertTrue(manifest.routes().size() >= 15, "every route of the manifest: " + manifest.routes());
        Map<String, String> pathValues = Map.of("id", accountId, "transactionId", tx.json().get("id").asText());
        List<FuzzCorpus.Caller> callers = List.of(FuzzCorpus.Caller.anonymous(), new FuzzCorpus.Caller("bearer",
                Map.of("Authorization", "Bearer " + token, "Idempotency-Key", FuzzCorpus.UNIQUE)));
        // Closing the account last, so that the other routes' cases meet an open account and reach validation.
        String close = "api-service.closeAccount";
        List<RouteSpec> others = manifest.routes().stream().filter(r -> !r.id().equals(close)).toList();
        List<RouteSpec> closeRoute = manifest.routes().stream().filter(r -> r.id().equals(close)).toList();
        List<FuzzCase> cases = FuzzCorpus.cases(others, pathValues, callers);
        List<FuzzCase> closing = FuzzCorpus.cases(closeRoute, pathValues, callers);
        URI base = URI.create("http://127.0.0.1:" + service.port());
        FuzzRun.Result result = FuzzRun.run(base, cases, 4);
        FuzzRun.Result closed = FuzzRun.run(base, closing, 4);
        result.print(System.out, "api-service");
        closed.print(System.out, "api-service " + close);
        assertTrue(result.ok() && closed.ok(), () -> result.summary() + closed.summary());
    }
}
