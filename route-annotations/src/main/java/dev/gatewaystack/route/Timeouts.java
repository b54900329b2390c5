package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Gateway timeouts towards the upstream. Empty means the gateway default. On a class: the default of its routes. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Timeouts {
    /** Establishing the connection (at most 75s). */
    String connect() default "";

    /** Between two reads of the response. */
    String read() default "";

    /** Between two writes of the request. */
    String send() default "";
}
