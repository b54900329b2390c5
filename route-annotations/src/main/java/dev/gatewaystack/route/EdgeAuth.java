package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The gateway authenticates the request before proxying it (nginx {@code auth_request} against the route marked
 * {@link EdgeAuthVerifier}); unauthenticated requests get 401, requests without the role 403. The upstream receives
 * the user id and roles in {@code X-Auth-User} and {@code X-Auth-Roles}. On a class: every route of the class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface EdgeAuth {
    /** Role the user must have; empty means any authenticated user. */
    String role() default "";
}
