package dev.gatewaystack.auth;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration, validation errors as problem+json, the admin seed, status, health and metrics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationTest {
    private static final String ADMIN = "root@example.com";
    private static final String ADMIN_PASSWORD = "a long admin passphrase";
    private RunningAuth auth;

    @BeforeAll
    void start() {
        auth = RunningAuth.start(Map.of("admin.email", ADMIN, "admin.password", ADMIN_PASSWORD));
    }

    @AfterAll
    void stop() {
        auth.close();
    }

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        JsonObject body = OAuthFlow.json(r.body());
        assertEquals(status, body.getInt("status"));
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
    }

    @Test
    void registrationStoresAnArgon2idHashAndTheUserRole() throws Exception {
        HttpResponse<String> r = Http.postJson(auth.url("/auth/register"),
                "{\"email\":\"Ann@Example.com\",\"password\":\"correct horse battery\"}");
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(List.of("user"), OAuthFlow.json(r.body()).getJsonArray("roles").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        try (Connection c = DriverManager.getConnection(auth.db.url(), auth.db.user(), auth.db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT password_hash FROM users WHERE email = 'Ann@Example.com'")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), rs.getString(1));
        }
        // Same address in another case: taken.
        assertProblem(Http.postJson(auth.url("/auth/register"),
                "{\"email\":\"ann@example.COM\",\"password\":\"correct horse battery\"}"), 409);
    }

    @Test
    void badInputNamesTheFieldsAtFault() {
        HttpResponse<String> r = Http.postJson(auth.url("/auth/register"), "{\"email\":\"not-an-email\",\"password\":\"short\"}");
        assertProblem(r, 400);
        // The one problem shape of every service: errors is {field: message}.
        Map<String, String> errors = OAuthFlow.json(r.body()).getJsonObject("errors").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((JsonString) e.getValue()).getString()));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get("password").contains("12"), errors.toString());
        assertTrue(errors.containsKey("email"));

        HttpResponse<String> missing = Http.postJson(auth.url("/auth/register"), "{\"email\":\"a@example.com\"}");
        assertProblem(missing, 400);
        assertTrue(OAuthFlow.json(missing.body()).getJsonObject("errors").containsKey("password"), missing.body());
        assertProblem(Http.postJson(auth.url("/auth/register"), "{not json"), 400);
        assertProblem(Http.postJson(auth.url("/auth/register"), "[1,2]"), 400);
        assertProblem(Http.postJson(auth.url("/auth/register"), "{\"email\":42,\"password\":\"correct horse battery\"}"), 400);
        assertProblem(Http.postForm(auth.url("/auth/register"), Map.of("email", "a@example.com")), 415);
    }

    @Test
    void theSeededAdminLogsInWithTheAdminRole() throws Exception {
        JsonObject tokens = new OAuthFlow(auth).tokens(ADMIN, ADMIN_PASSWORD);
        var roles = com.nimbusds.jwt.SignedJWT.parse(tokens.getString("access_token")).getJWTClaimsSet()
                .getStringListClaim("roles");
        assertEquals(List.of("user", "admin"), roles);
        HttpResponse<String> edge = Http.get(auth.url("/internal/edge-auth?role=admin"),
                "Authorization", "Bearer " + tokens.getString("access_token"));
        assertEquals(200, edge.statusCode());
        assertEquals("user,admin", edge.headers().firstValue("X-Auth-Roles").orElseThrow());
    }

    @Test
    void statusHealthAndMetricsAnswer() {
        HttpResponse<String> status = Http.get(auth.url("/auth/status"));
        assertEquals(200, status.statusCode());
        assertEquals("auth-service", OAuthFlow.json(status.body()).getString("service"));

        assertEquals(404, Http.get(auth.url("/observe/health")).statusCode(), "not on the public port");
        HttpResponse<String> health = Http.get(auth.observeUrl("/observe/health"));
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"database\"") && health.body().contains("\"broker\""), health.body());

        new OAuthFlow(auth).tokens(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> metrics = Http.get(auth.observeUrl("/observe/metrics"), "Accept", "text/plain");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("auth_logins_total{outcome=\"succeeded\""), metrics.body());
        assertTrue(metrics.body().contains("auth_tokens_issued_total{grant_type=\"authorization_code\""));
        assertTrue(metrics.body().contains("auth_outbox_backlog"));
        // Per-route RED meters of the generated routing (RouteMetrics), by manifest route id.
        for (String route : List.of("auth-service.status", "auth-service.token", "auth-service.authorize")) {
            assertTrue(java.util.regex.Pattern.compile("gatewaystack_route_requests_total\\{(?=[^}]*route_id=\""
                    + java.util.regex.Pattern.quote(route) + "\")(?=[^}]*status_class=\"[23]xx\")[^}]*} [1-9]")
                    .matcher(metrics.body()).find(), route + " in " + metrics.body());
        }
        assertTrue(metrics.body().contains("gatewaystack_route_duration_seconds_bucket{"));
    }

    @Test
    void unknownPathsAndBadMethodsAreNotServed() {
        assertEquals(404, Http.get(auth.url("/auth/status/nope")).statusCode());
    }
}
