package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a {@code {name}} segment of its route's path. Supported types: {@code String},
 * {@code int}/{@code Integer}, {@code long}/{@code Long}, {@code java.util.UUID}. A value that does not convert is
 * answered with 400.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface PathParam {
    /** The path parameter's name; defaults to the Java parameter's name. */
    String value() default "";
}
