package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The route may safely run twice (e.g. a POST deduplicated by an {@code Idempotency-Key}), so the gateway may retry
 * it on another replica. GET, HEAD and OPTIONS routes are idempotent without it; other routes are never retried
 * unless they carry it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Idempotent {
}
