package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the internal GET route the gateway calls for {@link EdgeAuth} routes. It receives the original request's
 * headers, the required role as query parameter {@code role}, and answers 200 (with {@code X-Auth-User} and
 * {@code X-Auth-Roles}), 401 or 403. At most one per stack.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface EdgeAuthVerifier {
}
