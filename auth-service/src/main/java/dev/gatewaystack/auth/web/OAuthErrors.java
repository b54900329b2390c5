package dev.gatewaystack.auth.web;

import dev.gatewaystack.support.Problem;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;

/**
 * The error format of the token and revocation endpoints (RFC 6749 section 5.2, RFC 7009 section 2.2.1):
 * {@code application/json} with {@code error} and {@code error_description}, which OAuth client libraries read;
 * every other endpoint answers problem+json. A 401 always names the scheme to use (RFC 6749 section 5.2 requires
 * it when the client authenticated with the Authorization header; HTTP requires it on any 401).
 */
public final class OAuthErrors {
    private OAuthErrors() {
    }

    /** An OAuth endpoint's body, whose refusals leave as RFC 6749 errors. */
    @FunctionalInterface
    public interface Endpoint {
        void handle(ServerRequest req, ServerResponse res);
    }

    public static void answer(ServerRequest req, ServerResponse res, Endpoint endpoint) {
        try {
            endpoint.handle(req, res);
        } catch (Problem p) {
            if (p.status().code() >= 500) {
                throw p; // not the client's fault: the service's problem+json 500/503
            }
            send(res, p);
        } catch (HttpException e) {
            if (e.status().code() >= 500) {
                throw e;
            }
            send(res, Problem.oauth(e.status().code(), "invalid_request", e.getMessage()));
        }
    }

    static void send(ServerResponse res, Problem p) {
        // A refusal that is not an OAuth error by itself (e.g. a malformed field) is a malformed request.
        String error = p.oauthError().orElse("invalid_request");
        res.status(p.status());
        p.headers().forEach(res::header);
        if (p.status().code() == 401 && !p.headers().containsKey("WWW-Authenticate")) {
            res.header("WWW-Authenticate", "Basic realm=\"auth-service\"");
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.PRAGMA, "no-cache");
        res.send(Json.createObjectBuilder()
                .add("error", error)
                .add("error_description", description(p))
                .build().toString());
    }

    /** RFC 6749 limits error_description to printable ASCII without quote and backslash. */
    private static String description(Problem p) {
        StringBuilder sb = new StringBuilder();
        String detail = p.fields().isEmpty() ? p.detail()
                : p.detail() + " (" + String.join("; ", p.fields().entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).toList()) + ")";
        for (char c : detail.toCharArray()) {
            sb.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '?');
        }
        return sb.toString();
    }
}
