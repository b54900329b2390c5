package dev.gatewaystack.auth.token;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Visibility;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Internal (never routed by the gateway): the ids of revoked access tokens that have not expired, from the same
 * in-memory revocation list userinfo and edge auth use, so other services (api-service) refuse exactly what
 * auth-service refuses. api-service polls it every ~2 s.
 *
 * <p>Always the whole list, not a delta since a cursor: rows reach the table in commit order, not in the order of
 * any timestamp or sequence a cursor could use, so a delta could silently skip a revocation. The list is bounded by
 * the access-token lifetime (a revoked id disappears once its token has expired).
 */
public final class RevokedAccessTokensHandler {
    private final RevocationList revocations;
    private final Clock clock;

    public RevokedAccessTokensHandler(RevocationList revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
    }

    @Route(path = "/internal/revoked-access-tokens", methods = HttpMethod.GET, visibility = Visibility.INTERNAL)
    public void revokedAccessTokens(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder tokens = Json.createArrayBuilder();
        for (Map.Entry<String, java.time.Instant> e : new TreeMap<>(revocations.unexpired()).entrySet()) {
            tokens.add(Json.createObjectBuilder().add("jti", e.getKey()).add("exp", e.getValue().getEpochSecond()));
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.createObjectBuilder()
                .add("generatedAt", clock.instant().getEpochSecond())
                .add("tokens", tokens)
                .build());
    }
}
