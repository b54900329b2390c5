package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The service authenticates the caller itself (e.g. validates a bearer JWT), so responses are per caller: the
 * gateway passes credentials through and refuses, at compile time, to share cached responses between callers.
 * On a class: every route of the class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Authenticated {
}
