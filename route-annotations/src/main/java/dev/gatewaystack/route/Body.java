package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON bodies of a route, for its API description (the OpenAPI document the gateway build writes). Types are
 * records (components become required properties), enums, {@code String}, numbers, {@code boolean},
 * {@code UUID}, {@code LocalDate}, {@code Instant}, {@code OffsetDateTime} and {@code List}/{@code Set} of those;
 * {@code Optional<T>} components are optional properties. {@code Void} (the default) means "not declared".
 * Example: {@code @Body(request = NewTransaction.class, response = LedgerTransaction.class)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Body {
    /** The request body's type. */
    Class<?> request() default Void.class;

    /** The successful response's body type. */
    Class<?> response() default Void.class;

    /** True when the successful response is a JSON array of {@link #response()}. */
    boolean responseArray() default false;
}
