package dev.gatewaystack.support;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Puts {@code http.request.id} and {@code route_id} (headers the gateway sets) into the logging MDC for the duration
 * of a request, and {@code user.id} once {@link #authenticated} is called, so every log line of the request carries
 * them (the ECS encoder writes MDC entries as top-level fields; the gateway's access log uses the same names), and
 * logs one line when the request is answered.
 * Each request runs on its own thread until it is answered (the error handlers too), so a thread-local is enough;
 * the keys are removed when the request is done.
 */
public final class RequestLogContext implements Filter {
    /** ECS's field for the id that correlates a request's lines across the gateway and the services. */
    public static final String REQUEST_ID = "http.request.id";
    /** The project's own: the route id of the route table (no ECS field has this meaning). */
    public static final String ROUTE_ID = "route_id";
    /** ECS's user.id: the token's subject. */
    public static final String USER_ID = "user.id";
    public static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-ID");
    public static final HeaderName X_ROUTE_ID = HeaderNames.create("X-Route-ID");
    /** The gateway keeps a client's X-Request-ID only in this shape; anything else is not trusted in logs either. */
    private static final Pattern REQUEST_ID_SHAPE = Pattern.compile("[A-Za-z0-9._-]{8,128}");
    private static final Pattern ROUTE_ID_SHAPE = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogContext.class);

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String requestId = wellFormedRequestId(req.headers())
                .orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
        MDC.put(REQUEST_ID, requestId);
        req.headers().first(X_ROUTE_ID)
                .filter(id -> ROUTE_ID_SHAPE.matcher(id).matches())
                .ifPresent(id -> MDC.put(ROUTE_ID, id));
        // Behind the gateway it answers with its own; a direct caller gets the id its log lines carry.
        res.header(X_REQUEST_ID, requestId);
        try {
            chain.proceed();
        } finally {
            LOG.info("{} {} answered {} in {} ms", req.prologue().method().text(), req.path().path(),
                    res.status().code(), (System.nanoTime() - start) / 1_000_000);
            MDC.remove(REQUEST_ID);
            MDC.remove(ROUTE_ID);
            MDC.remove(USER_ID);
        }
    }

    /** Called where a request's caller has been authenticated: the token's {@code sub}. */
    public static void authenticated(String userId) {
        MDC.put(USER_ID, userId);
    }

    /** The request's {@code X-Request-ID} when it has the shape the gateway keeps. */
    public static Optional<String> wellFormedRequestId(io.helidon.http.Headers headers) {
        try {
            return headers.first(X_REQUEST_ID).filter(id -> REQUEST_ID_SHAPE.matcher(id).matches());
        } catch (RuntimeException e) {
            return Optional.empty(); // unreadable headers (Helidon's early errors): no id to echo
        }
    }

    /** The current request's id, as logged and echoed in {@code X-Request-ID}. */
    public static Optional<String> requestId() {
        return Optional.ofNullable(MDC.get(REQUEST_ID));
    }
}
