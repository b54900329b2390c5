package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Largest request body the gateway accepts (413 above it). On a class: the default of its routes. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface MaxBodySize {
    /** A size such as {@code 64k} or {@code 10m}; {@code 0} means unlimited. */
    String value();
}
