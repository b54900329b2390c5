package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * When the gateway retries an idempotent route on another replica. Without it, idempotent routes are retried on
 * connection errors and timeouts; non-idempotent routes are never retried (and may not carry this annotation).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Retry {
    /**
     * {@link #attempts()}: each server of the upstream at most once, however many replicas run (nginx's
     * {@code proxy_next_upstream_tries 0}). With replicas coming and going a fixed count can be too small: when 3 of
     * 4 replicas stop at once, 2 tries can both land on stopping ones.
     */
    int EVERY_SERVER = 0;

    /** Attempts in all, the first included (at least 2), or {@link #EVERY_SERVER}. */
    int attempts() default EVERY_SERVER;

    /** What counts as a failure worth retrying. */
    RetryOn[] on() default {RetryOn.ERROR, RetryOn.TIMEOUT};

    /** Time budget for all attempts; empty means unlimited. */
    String within() default "";
}
