package dev.gatewaystack.route.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatewaystack.route.RetryOn;

import java.util.List;

/** Retry of an idempotent route on another replica; {@code within} is null for no time budget. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrySpec(int attempts, List<RetryOn> on, String within) {
    public RetrySpec {
        on = on == null ? List.of() : List.copyOf(on);
    }

    /**
     * What idempotent routes get when they declare no {@link dev.gatewaystack.route.Retry}: each server at most once
     * ({@link dev.gatewaystack.route.Retry#EVERY_SERVER}) on connection errors and timeouts.
     */
    public static RetrySpec defaults() {
        return new RetrySpec(dev.gatewaystack.route.Retry.EVERY_SERVER, List.of(RetryOn.ERROR, RetryOn.TIMEOUT), null);
    }
}
