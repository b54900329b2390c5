package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Gateway rate limit (leaky bucket); requests above it get 429. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface RateLimit {
    /** Sustained rate per key: {@code <n>r/s} or {@code <n>r/m}, e.g. {@code 10r/s}. */
    String rate();

    /** Requests allowed above the rate before 429. */
    int burst() default 0;

    /** Who is counted. */
    RateLimitKey key() default RateLimitKey.CLIENT_IP;

    /** Serve burst requests at once instead of spacing them out to the rate. */
    boolean nodelay() default true;
}
