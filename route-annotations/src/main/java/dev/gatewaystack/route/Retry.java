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
    /** Attempts in all, the first included (at least 2). */
    int attempts() default 2;

    /** What counts as a failure worth retrying. */
    RetryOn[] on() default {RetryOn.ERROR, RetryOn.TIMEOUT};

    /** Time budget for all attempts; empty means unlimited. */
    String within() default "";
}
