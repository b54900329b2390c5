package dev.gatewaystack.auth;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real auth-service on a loopback port with its own fresh database; close() stops it and drops the database. */
final class RunningAuth implements AutoCloseable {
    static final String SPA = "gatewaystack-spa";
    static final String REDIRECT = "http://127.0.0.1:9/callback";
    static final String LOGGED_OUT = "http://127.0.0.1:9/";
    static final String SERVICE_CLIENT = "ledger-service";
    static final String SERVICE_SECRET = "s3rvice-secret-for-tests";
    /** Argon2id hash of SERVICE_SECRET, computed once. */
    static final String SERVICE_HASH = new dev.gatewaystack.auth.crypto.PasswordHasher().hash(SERVICE_SECRET);
    /** The Authorization header value of SERVICE_CLIENT's valid credentials. */
    static final String SERVICE_BASIC = Http.basic(SERVICE_CLIENT, SERVICE_SECRET);

    final TestServers.Db db;
    final AuthService service;
    final String base;
    final Map<String, String> config;

    private RunningAuth(TestServers.Db db, Map<String, String> config) {
        this.db = db;
        this.config = config;
        this.service = AuthService.start(Config.just(ConfigSources.create(config)));
        this.base = "http://127.0.0.1:" + service.port();
    }

    /** A URL on the observe socket (/observe/health, /observe/metrics). */
    String observeUrl(String path) {
        return "http://127.0.0.1:" + service.observePort() + path;
    }

    static RunningAuth start() {
        return start(Map.of());
    }

    static RunningAuth start(Map<String, String> overrides) {
        return start(TestServers.createDatabase(), overrides);
    }

    /** Another replica (or a restart) on an existing database. */
    static RunningAuth start(TestServers.Db db, Map<String, String> overrides) {
        int port = freePort();
        Map<String, String> c = new HashMap<>();
        c.put("server.host", "127.0.0.1");
        c.put("server.port", Integer.toString(port));
        c.put("server.sockets.0.name", AuthService.OBSERVE_SOCKET);
        c.put("server.sockets.0.host", "127.0.0.1");
        c.put("server.sockets.0.port", "0");
        c.put("app.instance", "test");
        c.put("db.url", db.url());
        c.put("db.user", db.user());
        c.put("db.password", db.password());
        c.put("db.pool", "5");
        c.put("rabbitmq.uri", TestServers.rabbitUri());
        c.put("outbox.interval", "PT0.2S");
        c.put("outbox.max-backoff", "PT1S");
        c.put("auth.issuer", "http://127.0.0.1:" + port);
        c.put("auth.cookies.secure", "false");
        c.put("auth.spa.client", SPA);
        c.put("auth.spa.redirects", REDIRECT + ", http://127.0.0.1:9/other");
        c.put("auth.spa.logout.redirects", LOGGED_OUT);
        c.put("auth.revocation.poll", "PT0.5S");
        c.put("auth.throttle.threshold", "3");
        c.put("auth.throttle.base", "PT2S");
        c.put("auth.clients.0.id", SERVICE_CLIENT);
        c.put("auth.clients.0.hash", SERVICE_HASH);
        c.put("auth.clients.0.scopes", "ledger.read ledger.write");
        c.put("auth.clients.0.roles", "service");
        c.putAll(overrides);
        return new RunningAuth(db, c);
    }

    String url(String path) {
        return base + path;
    }

    /** An access token of the confidential test client (client_credentials with {@link #SERVICE_BASIC}). */
    String serviceToken() {
        HttpResponse<String> r = Http.postForm(url("/oauth2/token"), Map.of("grant_type", "client_credentials"),
                "Authorization", SERVICE_BASIC);
        assertEquals(200, r.statusCode(), r.body());
        return OAuthFlow.json(r.body()).getString("access_token");
    }

    /** Stops the server but keeps the database (to restart on it). */
    void stop() {
        service.close();
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            TestServers.dropDatabase(db);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
