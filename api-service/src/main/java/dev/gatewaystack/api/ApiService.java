package dev.gatewaystack.api;

import dev.gatewaystack.api.auth.JwtAuthenticator;
import dev.gatewaystack.api.db.Database;
import dev.gatewaystack.api.events.KafkaSettings;
import dev.gatewaystack.api.events.Outbox;
import dev.gatewaystack.api.events.OutboxRelay;
import dev.gatewaystack.api.events.ReadModelConsumer;
import dev.gatewaystack.support.ProblemResponses;
import dev.gatewaystack.support.RequestLogContext;
import dev.gatewaystack.support.ServiceStart;
import dev.gatewaystack.support.StartupTask;
import dev.gatewaystack.support.metrics.RouteMetrics;
import dev.gatewaystack.api.ledger.AccountStore;
import dev.gatewaystack.api.ledger.TransactionStore;
import dev.gatewaystack.api.messaging.Rabbit;
import dev.gatewaystack.api.messaging.RabbitSettings;
import dev.gatewaystack.api.messaging.UserRegisteredConsumer;
import dev.gatewaystack.api.observe.HealthChecks;
import dev.gatewaystack.api.observe.LedgerMetrics;
import dev.gatewaystack.api.statements.StatementExports;
import dev.gatewaystack.api.web.AccountsHandler;
import dev.gatewaystack.api.web.ReferenceDataHandler;
import dev.gatewaystack.api.web.StatementsHandler;
import dev.gatewaystack.api.web.SummaryHandler;
import dev.gatewaystack.api.web.TransactionsHandler;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One running api-service replica: database, Kafka relay and consumer, RabbitMQ consumers, and the web server with
 * the generated routing. Tests start several on one database.
 */
public final class ApiService implements AutoCloseable {
    /** The named socket (server.sockets in application.yaml) serving /observe/*; never routed by the gateway. */
    public static final String OBSERVE_SOCKET = "observe";
    private final WebServer server;
    private final List<AutoCloseable> resources;

    private ApiService(WebServer server, List<AutoCloseable> resources) {
        this.server = server;
        this.resources = resources;
    }

    public static ApiService start(Config config) {
        List<AutoCloseable> resources = new ArrayList<>();
        // On two threads: the database (migration check, pool) and then the Kafka clients start on their own while
        // this thread builds the rest and the web server.
        StartupTask<Database> database = StartupTask.start("api-service-database", () -> Database.start(config.get("db")));
        StartupTask<List<AutoCloseable>> kafkaClients = null;
        try {
            String instance = ServiceStart.instanceName(config);
            LedgerMetrics metrics = LedgerMetrics.instance();
            KafkaSettings kafka = KafkaSettings.from(config.get("kafka"));
            RabbitSettings rabbitSettings = RabbitSettings.from(config.get("rabbitmq"));
            JwtAuthenticator auth = JwtAuthenticator.fromConfig(config.get("auth"));
            resources.add(auth);
            String defaultCurrency = config.get("ledger.default-currency").asString().orElse("EUR");

            Database db = database.join();
            resources.add(db);
            AccountStore accounts = new AccountStore(db);
            TransactionStore transactions = new TransactionStore(db, new Outbox(kafka.topic()), metrics);
            StatementExports exports = new StatementExports(db, rabbitSettings);

            kafkaClients = StartupTask.start("api-service-kafka", () -> List.of(
                    new OutboxRelay(db, kafka, metrics, instance).start(),
                    new ReadModelConsumer(db, kafka, metrics, instance).start()));
            Rabbit rabbit = new Rabbit(rabbitSettings, instance, List.of(
                    new UserRegisteredConsumer(rabbitSettings, accounts, defaultCurrency), exports)).start();
            resources.add(rabbit);
            HealthChecks health = new HealthChecks(db, rabbit, kafka.bootstrap(), auth.revocations());
            resources.add(health);

            ApiServiceRoutes routes = new ApiServiceRoutes(
                    new StatusHandler(instance),
                    new AccountsHandler(auth, accounts),
                    new ReferenceDataHandler(),
                    new StatementsHandler(auth, accounts, exports),
                    new SummaryHandler(auth, accounts, db),
                    new TransactionsHandler(auth, accounts, transactions));
            WebServer server = WebServer.builder()
                    .config(config.get("server"))
                    .featuresDiscoverServices(false)
                    .directHandlers(ProblemResponses.directHandlers())
                    // /observe/* only on the named socket "observe" (server.sockets), which the gateway never proxies to.
                    .addFeature(ObserveFeature.builder().observersDiscoverServices(false)
                            .addObserver(health.observer()).addObserver(MetricsObserver.create())
                            .sockets(List.of(OBSERVE_SOCKET)).build())
                    .routing(routing -> {
                        routing.addFilter(new RequestLogContext());
                        ProblemResponses.register(routing);
                        // Every annotated route is registered by the generated routing; none by hand. Each
                        // is recorded per route id (RouteMetrics: request counter and latency histogram).
                        routing.register(RouteMetrics.recorded(ApiServiceRoutes.SERVICE, routes));
                    })
                    .build()
                    .start();
            resources.addAll(kafkaClients.join());
            return new ApiService(server, resources);
        } catch (RuntimeException e) {
            if (kafkaClients != null) {
                kafkaClients.joinQuietly().ifPresent(resources::addAll);
            }
            database.joinQuietly().filter(db -> !resources.contains(db)).ifPresent(resources::add);
            closeAll(resources);
            throw e;
        }
    }

    /** The port of /observe/health and /observe/metrics. */
    public int observePort() {
        return server.port(OBSERVE_SOCKET);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        for (AutoCloseable r : reversed) {
            try {
                r.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }
}
