package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Cross-origin access answered at the gateway: preflight {@code OPTIONS} gets 204 with the allow headers, and
 * responses to allowed origins carry {@code Access-Control-Allow-Origin}. On a class: every route of the class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Cors {
    /** Allowed origins, {@code scheme://host[:port]}, or the single value {@code *}. */
    String[] origins();

    /** Request headers the browser may send. */
    String[] allowHeaders() default {"Authorization", "Content-Type"};

    /** Response headers the browser may read. */
    String[] exposeHeaders() default {"X-Request-ID"};

    /** Allow cookies and credentials (not with {@code *}). */
    boolean credentials() default false;

    /** How long the browser may cache a preflight answer. */
    String maxAge() default "10m";
}
