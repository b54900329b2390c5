package dev.gatewaystack.auth.observe;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

import java.util.List;
import java.util.function.Supplier;

/** The service's own meters, exposed at /observe/metrics. */
public final class AuthMetrics {
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final Counter loginsSucceeded = counter("auth.logins", "outcome", "succeeded");
    private final Counter loginsFailed = counter("auth.logins", "outcome", "failed");
    private final Counter loginsThrottled = counter("auth.logins", "outcome", "throttled");

    public void outboxBacklog(Supplier<Long> backlog) {
        registry.getOrCreate(Gauge.builder("auth.outbox.backlog", backlog)
                .description("user events written to the outbox but not yet confirmed by RabbitMQ"));
    }

    public void loginSucceeded() {
        loginsSucceeded.increment();
    }

    public void loginFailed() {
        loginsFailed.increment();
    }

    public void loginThrottled() {
        loginsThrottled.increment();
    }

    public void tokenIssued(String grantType) {
        counter("auth.tokens.issued", "grant_type", grantType).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return registry.getOrCreate(Counter.builder(name).tags(List.of(Tag.create(tag, value))));
    }
}
