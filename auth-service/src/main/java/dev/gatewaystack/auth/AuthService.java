package dev.gatewaystack.auth;

import dev.gatewaystack.auth.crypto.PasswordHasher;
import dev.gatewaystack.auth.db.Database;
import dev.gatewaystack.auth.edge.EdgeAuthHandler;
import dev.gatewaystack.auth.keys.SigningKeys;
import dev.gatewaystack.auth.oauth.AuthorizeHandler;
import dev.gatewaystack.auth.oauth.ClientAuthentication;
import dev.gatewaystack.auth.oauth.EndSessionHandler;
import dev.gatewaystack.auth.oauth.ClientRegistry;
import dev.gatewaystack.auth.oauth.DiscoveryHandler;
import dev.gatewaystack.auth.oauth.Grants;
import dev.gatewaystack.auth.oauth.LoginHandler;
import dev.gatewaystack.auth.oauth.RevocationHandler;
import dev.gatewaystack.auth.oauth.TokenHandler;
import dev.gatewaystack.auth.oauth.UserinfoHandler;
import dev.gatewaystack.auth.observe.AuthMetrics;
import dev.gatewaystack.auth.outbox.OutboxEvents;
import dev.gatewaystack.auth.outbox.OutboxRelay;
import dev.gatewaystack.auth.outbox.RabbitPublisher;
import dev.gatewaystack.auth.throttle.LoginThrottle;
import dev.gatewaystack.auth.session.Sessions;
import dev.gatewaystack.auth.token.RevocationList;
import dev.gatewaystack.auth.token.RevokedAccessTokensHandler;
import dev.gatewaystack.auth.token.TokenFamilies;
import dev.gatewaystack.auth.token.TokenIssuer;
import dev.gatewaystack.auth.token.TokenVerifier;
import dev.gatewaystack.auth.user.AdminSeeder;
import dev.gatewaystack.auth.user.RegistrationHandler;
import dev.gatewaystack.auth.user.UserRepository;
import dev.gatewaystack.auth.user.UserService;
import dev.gatewaystack.auth.web.ClientAddress;
import dev.gatewaystack.support.ProblemResponses;
import dev.gatewaystack.support.RequestLogContext;
import dev.gatewaystack.support.ServiceStart;
import dev.gatewaystack.support.StartupTask;
import dev.gatewaystack.support.metrics.RouteMetrics;
import io.helidon.config.Config;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The assembled service: database (migrated), signing keys, outbox relay, background refreshes and the web server.
 * {@link AuthServiceMain} runs one; tests start real ones on port 0.
 */
public final class AuthService implements AutoCloseable {
    /** The named socket (server.sockets in application.yaml) serving /observe/*; never routed by the gateway. */
    public static final String OBSERVE_SOCKET = "observe";
    private final AuthSettings settings;
    private final Database db;
    private final SigningKeys keys;
    private final RevocationList revocations;
    private final OutboxRelay relay;
    private final ScheduledExecutorService background;
    private final WebServer server;

    private AuthService(Config config) {
        Clock clock = Clock.systemUTC();
        // The database (pool, migration check) starts on a thread of its own while this one reads the settings and
        // builds what does not need it (the metrics registry's first use alone takes a tenth of a second).
        StartupTask<Database> database = StartupTask.start("auth-service-database", () -> Database.start(config.get("db")));
        AuthMetrics metrics;
        try {
            this.settings = AuthSettings.from(config);
            metrics = new AuthMetrics();
        } catch (RuntimeException e) {
            database.joinQuietly().ifPresent(Database::close);
            throw e;
        }
        this.db = database.join();
        try {
            PasswordHasher hasher = new PasswordHasher();
            UserRepository userRepository = new UserRepository();
            OutboxEvents outbox = new OutboxEvents();

            this.keys = new SigningKeys(db, settings.keyRotation(), settings.longestSignedLifetime(), clock);
            keys.refresh();
            this.revocations = new RevocationList(db, clock);
            TokenIssuer issuer = new TokenIssuer(settings, keys, clock);
            TokenFamilies families = new TokenFamilies(revocations, clock);
            Sessions sessions = new Sessions(db, issuer, revocations, families);
            AdminSeeder.seed(config.get("admin"), db, userRepository, hasher, outbox, sessions);
            revocations.poll();

            String rabbitUri = config.get("rabbitmq.uri").asString().orElseThrow(() -> new IllegalStateException(
                    "set RABBITMQ_URI (rabbitmq.uri), e.g. amqp://user:pass@rabbitmq:5672/%2F"));
            this.relay = new OutboxRelay(db, new RabbitPublisher(rabbitUri, Duration.ofSeconds(5)),
                    Duration.parse(config.get("outbox.interval").asString().orElse("PT1S")),
                    Duration.parse(config.get("outbox.max-backoff").asString().orElse("PT30S")));

            metrics.outboxBacklog(relay::backlog);
            UserService users = new UserService(db, userRepository, hasher, outbox);
            TokenVerifier verifier = new TokenVerifier(settings, keys, revocations, clock);
            ClientRegistry clients = new ClientRegistry(settings, config.get("auth.clients"), hasher);
            LoginThrottle throttle = new LoginThrottle(db, settings, clock);
            Grants grants = new Grants(settings, db, userRepository, issuer, revocations, families, clock);
            ClientAddress addresses = new ClientAddress(settings.trustedProxies());
            ClientAuthentication clientAuth = new ClientAuthentication(clients, throttle, addresses);

            AuthServiceRoutes routes = new AuthServiceRoutes(
                    new StatusHandler(ServiceStart.instanceName(config)),
                    new EdgeAuthHandler(verifier),
                    new AuthorizeHandler(settings, clients, grants, verifier, sessions),
                    new DiscoveryHandler(settings, keys),
                    new EndSessionHandler(settings, clients, verifier, sessions),
                    new LoginHandler(settings, grants, users, throttle, sessions, addresses, metrics),
                    new RevocationHandler(clients, clientAuth, grants, verifier),
                    new TokenHandler(settings, clients, grants, issuer, clientAuth, metrics),
                    new UserinfoHandler(verifier, users),
                    new RevokedAccessTokensHandler(revocations, clock),
                    new RegistrationHandler(users));

            this.background = Executors.newScheduledThreadPool(1, r -> {
                Thread t = new Thread(r, "auth-background");
                t.setDaemon(true);
                return t;
            });
            schedule(keys::refresh, settings.keyCheck());
            schedule(revocations::poll, settings.revocationPoll());
            // Anonymous authorize calls leave pending rows; expired ones, long-expired sessions and stale throttle
            // rows (failures never followed by a success) go here.
            schedule(() -> {
                grants.purgeExpiredPending();
                sessions.purgeExpired();
                throttle.purgeStale();
            }, settings.purgeInterval());
            relay.start();

            this.server = WebServer.builder()
                    .config(config.get("server"))
                    .directHandlers(ProblemResponses.directHandlers())
                    .addFeature(observe())
                    .routing(routing -> routing(routing, routes))
                    .build()
                    .start();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public static AuthService start(Config config) {
        return new AuthService(config);
    }

    /**
     * Every annotated route comes from the generated {@link AuthServiceRoutes}; none is registered by hand. Each is
     * recorded per route id (RouteMetrics: request counter and latency histogram).
     */
    static void routing(HttpRouting.Builder routing, AuthServiceRoutes routes) {
        routing.addFilter(new RequestLogContext());
        ProblemResponses.register(routing);
        routing.register(RouteMetrics.recorded(AuthServiceRoutes.SERVICE, routes));
    }

    private ObserveFeature observe() {
        HealthObserver health = HealthObserver.builder()
                .details(true)
                .addCheck(() -> HealthCheckResponse.builder().status(db.healthy()).build(),
                        HealthCheckType.READINESS, "database")
                .addCheck(() -> HealthCheckResponse.builder().status(relay.publisher().probe())
                        .detail("outboxBacklog", relay.backlog()).build(), HealthCheckType.READINESS, "broker")
                .build();
        // /observe/* only on the named socket "observe" (server.sockets), which the gateway never proxies to.
        return ObserveFeature.builder()
                .addObserver(health)
                .addObserver(MetricsObserver.create())
                .sockets(java.util.List.of(OBSERVE_SOCKET))
                .build();
    }

    private void schedule(Runnable task, Duration every) {
        background.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AuthService.class).warn("background task failed: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The port of /observe/health and /observe/metrics. */
    public int observePort() {
        return server.port(OBSERVE_SOCKET);
    }

    public int port() {
        return server.port();
    }

    public AuthSettings settings() {
        return settings;
    }

    public SigningKeys keys() {
        return keys;
    }

    public RevocationList revocations() {
        return revocations;
    }

    @Override
    public void close() {
        server.stop();
        background.shutdownNow();
        relay.close();
        db.close();
    }
}
