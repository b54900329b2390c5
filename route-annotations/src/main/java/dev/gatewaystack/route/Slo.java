package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The route's service level objective, measured at the gateway: at least {@link #availability()} of its answers
 * are not 5xx, and {@link #percentile()} % of them are answered within {@link #latency()}. The gateway generator
 * renders Prometheus recording rules and multi-window, multi-burn-rate alerts (Google SRE workbook) per route id
 * from it. On a class: the default of its routes.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Slo {
    /** Share of answers that must not be 5xx, e.g. {@code "99.9%"} (more than 0 %, less than 100 %). */
    String availability() default "99.9%";

    /** Latency threshold, e.g. {@code "300ms"}: one of the latency histogram's bucket bounds. */
    String latency() default "300ms";

    /** Share of answers (in %) that must be within {@link #latency()}, 1..99. */
    int percentile() default 99;
}
