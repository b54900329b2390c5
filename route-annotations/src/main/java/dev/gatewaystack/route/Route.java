package dev.gatewaystack.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An HTTP route handled by the annotated method. The method takes, in any order, a
 * {@code io.helidon.webserver.http.ServerRequest}, a {@code io.helidon.webserver.http.ServerResponse}
 * and one {@link PathParam} parameter per {@code {name}} in the path; it returns {@code void}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Route {
    /**
     * Absolute path; segments may be parameters, {@code {id}} or {@code {id:[0-9]+}} with a regular expression
     * for the segment. Example: {@code /api/accounts/{id}}.
     */
    String path();

    /** Methods the route accepts. */
    HttpMethod[] methods() default HttpMethod.GET;

    /** Exact or prefix match. */
    Match match() default Match.EXACT;

    /** Public through the gateway, or internal only. */
    Visibility visibility() default Visibility.PUBLIC;

    /**
     * Route id used in logs, metrics and the route table. Defaults to {@code <service>.<methodName>}.
     * Letters, digits, '.', '_' and '-' only.
     */
    String id() default "";
}
