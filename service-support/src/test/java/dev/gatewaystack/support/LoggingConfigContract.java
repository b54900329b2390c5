package dev.gatewaystack.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service's logback.xml as deployed (service-support's gatewaystack-logback.xml under the service's name) (a service's test extends this with its name, an instance name prefix and
 * one of its route ids) (each case sets the environment variables it reads as logback context
 * properties, which take precedence): the ECS JSON fields Kibana's searches and the index template expect (as
 * Elastic's encoder writes them, with the request's ids under the names the gateway's access log uses), plain text
 * on request, Logstash over
 * TCP only when LOGSTASH_HOST is set, and a Logstash outage that does not slow logging down.
 */
public abstract class LoggingConfigContract {
    private final String service;
    private final String instancePrefix;
    private final String routeId;
    private final List<LoggerContext> contexts = new ArrayList<>();

    protected LoggingConfigContract(String service, String instancePrefix, String routeId) {
        this.service = service;
        this.instancePrefix = instancePrefix;
        this.routeId = routeId;
    }

    @AfterEach
    void stopContexts() {
        contexts.forEach(LoggerContext::stop);
        MDC.clear();
    }

    @Test
    void jsonOnStdoutByDefaultWithTheDocumentedFields() throws Exception {
        LoggerContext context = configure(Map.of("APP_INSTANCE", instancePrefix + "-7"));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(List.of("console"), appenderNames(root), "no Logstash appender without LOGSTASH_HOST");

        MDC.put(RequestLogContext.REQUEST_ID, "req-0001-abcd");
        MDC.put(RequestLogContext.ROUTE_ID, routeId);
        MDC.put(RequestLogContext.USER_ID, "c3d9e5a0-1b2c-4d3e-8f90-a1b2c3d4e5f6");
        ILoggingEvent event = event(context, new IllegalStateException("broken"));
        JsonObject line = json(new String(encoder(root).encode(event), StandardCharsets.UTF_8));

        assertEquals(Set.of("@timestamp", "ecs.version", "message", "log.logger", "process.thread.name", "log.level",
                "error.type", "error.message", "error.stack_trace", "http.request.id", "route_id", "user.id",
                "service.name", "service.node.name", "event.dataset"), line.keySet());
        assertEquals("posting failed for 3 accounts", line.getString("message"));
        assertEquals("dev.gatewaystack.test", line.getString("log.logger"));
        assertEquals(Thread.currentThread().getName(), line.getString("process.thread.name"));
        assertEquals("ERROR", line.getString("log.level"));
        assertEquals("java.lang.IllegalStateException", line.getString("error.type"));
        assertEquals("broken", line.getString("error.message"));
        assertTrue(line.getString("error.stack_trace").startsWith("java.lang.IllegalStateException: broken"));
        assertEquals("req-0001-abcd", line.getString("http.request.id"));
        assertEquals(routeId, line.getString("route_id"));
        assertEquals("c3d9e5a0-1b2c-4d3e-8f90-a1b2c3d4e5f6", line.getString("user.id"));
        assertEquals(service, line.getString("service.name"));
        assertEquals(instancePrefix + "-7", line.getString("service.node.name"));
        assertEquals(service, line.getString("event.dataset"));
        assertTrue(line.getString("@timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line.toString());
    }

    @Test
    void plainTextWhenAsked() throws Exception {
        LoggerContext context = configure(Map.of("LOG_FORMAT", "plain"));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        MDC.put(RequestLogContext.REQUEST_ID, "req-0002-abcd");
        MDC.put(RequestLogContext.ROUTE_ID, routeId);
        String line = new String(encoder(root).encode(event(context, null)), StandardCharsets.UTF_8);
        assertFalse(line.startsWith("{"), line);
        assertTrue(line.contains(" ERROR ") && line.contains("[req-0002-abcd " + routeId + " -]")
                && line.endsWith("posting failed for 3 accounts" + System.lineSeparator()), line);
    }

    @Test
    void shipsTheSameJsonToLogstashOverTcp() throws Exception {
        try (ServerSocket logstash = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            logstash.setSoTimeout(10_000);
            LoggerContext context = configure(Map.of("LOGSTASH_HOST", "127.0.0.1",
                    "LOGSTASH_PORT", Integer.toString(logstash.getLocalPort()), "APP_INSTANCE", instancePrefix + "-8"));
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertEquals(List.of("logstash", "console"), appenderNames(root));

            MDC.put(RequestLogContext.REQUEST_ID, "req-0003-abcd");
            context.getLogger("dev.gatewaystack.test").warn("sent to logstash");
            try (Socket connection = logstash.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                         StandardCharsets.UTF_8))) {
                JsonObject line = json(in.readLine());
                assertEquals("sent to logstash", line.getString("message"));
                assertEquals("WARN", line.getString("log.level"));
                assertEquals("req-0003-abcd", line.getString("http.request.id"));
                assertEquals(service, line.getString("service.name"));
                assertEquals(instancePrefix + "-8", line.getString("service.node.name"));
            }
        }
    }

    @Test
    void aLogstashOutageNeitherBlocksNorFails() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        // The refused connection is reported as a warning while logback starts.
        LoggerContext context = configure(Map.of("LOGSTASH_HOST", "127.0.0.1",
                "LOGSTASH_PORT", Integer.toString(closedPort)), Status.ERROR);
        // Nothing reads stdout here: detach the console so only the (refused) Logstash appender works.
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender("console");
        Logger logger = context.getLogger("dev.gatewaystack.test");
        long start = System.nanoTime();
        for (int i = 0; i < 50_000; i++) {
            logger.info("event {}", i); // several times the ring buffer: most are dropped, none waits
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, "50000 log calls took " + millis + " ms with Logstash down");
    }

    private LoggerContext configure(Map<String, String> environment) throws JoranException {
        return configure(environment, Status.WARN);
    }

    /** Configures a fresh context; fails on a status of level {@code refused} or above. */
    private LoggerContext configure(Map<String, String> environment, int refused) throws JoranException {
        LoggerContext context = new LoggerContext();
        contexts.add(context);
        context.setMDCAdapter(MDC.getMDCAdapter());
        // Defaults first, so variables set where the tests run cannot change the case under test.
        context.putProperty("LOG_FORMAT", "json");
        context.putProperty("LOGSTASH_HOST", "");
        environment.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        assertTrue(new StatusUtil(context).getHighestLevel(0) < refused,
                () -> "logback warned or failed: " + context.getStatusManager().getCopyOfStatusList());
        return context;
    }

    private static List<String> appenderNames(Logger logger) {
        List<String> names = new ArrayList<>();
        for (var it = logger.iteratorForAppenders(); it.hasNext(); ) {
            names.add(it.next().getName());
        }
        return names;
    }

    private static ch.qos.logback.core.encoder.Encoder<ILoggingEvent> encoder(Logger root) {
        Appender<ILoggingEvent> console = root.getAppender("console");
        return ((OutputStreamAppender<ILoggingEvent>) console).getEncoder();
    }

    private static ILoggingEvent event(LoggerContext context, Throwable error) {
        Logger logger = context.getLogger("dev.gatewaystack.test");
        return new ch.qos.logback.classic.spi.LoggingEvent(Logger.class.getName(), logger,
                ch.qos.logback.classic.Level.ERROR, "posting failed for {} accounts", error, new Object[] {3});
    }

    private static JsonObject json(String line) {
        assertEquals(1, line.strip().lines().count(), "one JSON object per line: " + line);
        return Json.createReader(new StringReader(line)).readObject();
    }
}
