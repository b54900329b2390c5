package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A long-lived streaming response: the gateway does not buffer it and keeps the connection open. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Streaming {
    StreamingMode value();

    /** How long the stream may stay silent before the gateway closes it. */
    String idleTimeout() default "1h";
}
