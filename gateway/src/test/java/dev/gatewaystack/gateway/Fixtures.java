package dev.gatewaystack.gateway;

import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.Visibility;
import dev.gatewaystack.route.model.EdgeAuthSpec;
import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.CacheKey;
import dev.gatewaystack.route.Discovery;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.RateLimitKey;
import dev.gatewaystack.route.RetryOn;
import dev.gatewaystack.route.StreamingMode;
import dev.gatewaystack.route.model.CacheSpec;
import dev.gatewaystack.route.model.CorsSpec;
import dev.gatewaystack.route.model.RateLimitSpec;
import dev.gatewaystack.route.model.RetrySpec;
import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.route.model.SloSpec;
import dev.gatewaystack.route.model.StreamingSpec;
import dev.gatewaystack.route.model.TimeoutSpec;
import dev.gatewaystack.route.model.UpstreamSpec;

import java.util.List;

import static dev.gatewaystack.gateway.RouteBuilder.route;
import static dev.gatewaystack.route.HttpMethod.DELETE;
import static dev.gatewaystack.route.HttpMethod.GET;
import static dev.gatewaystack.route.HttpMethod.POST;
import static dev.gatewaystack.route.HttpMethod.PUT;

/** A stack of manifests that uses every gateway feature. */
final class Fixtures {
    static final CorsSpec APP_CORS = new CorsSpec(List.of("https://app.example.com", "http://localhost:5173"),
            List.of("Authorization", "Content-Type"), List.of("X-Request-ID"), true, "10m");
    static final CorsSpec ANY_CORS = new CorsSpec(List.of("*"), List.of("Content-Type"), List.of(), false, "1h");

    private Fixtures() {
    }

    static UpstreamSpec upstream(int port, Balancing balancing, HashKey hashKey, int keepalive) {
        return new UpstreamSpec(port, balancing, hashKey, keepalive, 2, "5s", Discovery.DNS);
    }

    static ServiceManifest api(int port) {
        String h = "com.example.api.ItemHandler#";
        return ServiceManifest.of("api-service", upstream(port, Balancing.LEAST_CONN, HashKey.CLIENT_IP, 16), List.of(
                route("api.listItems", h + "list", "/api/items").cors(APP_CORS)
                        .cache(new CacheSpec("1m", "5m", "30s", List.of(CacheKey.METHOD, CacheKey.HOST, CacheKey.URI),
                                List.of("Accept-Language"), true, true, List.of("X-No-Cache"), List.of("nocache")))
                        .slo(new SloSpec("99.9%", "300ms", 99)).build(),
                route("api.createItem", h + "create", "/api/items", POST).cors(APP_CORS).maxBodySize("10m")
                        .rateLimit(new RateLimitSpec("10r/s", 20, RateLimitKey.CLIENT_IP, true)).build(),
                route("api.getItem", h + "get", "/api/items/{id:[0-9]+}").edgeAuth(new EdgeAuthSpec(""))
                        .cache(new CacheSpec("30s", "0s", "0s", List.of(CacheKey.SCHEME, CacheKey.METHOD,
                                CacheKey.HOST, CacheKey.PATH, CacheKey.QUERY, CacheKey.USER), List.of(), false, false,
                                List.of(), List.of()))
                        .retry(new RetrySpec(3, List.of(RetryOn.ERROR, RetryOn.TIMEOUT, RetryOn.HTTP_502,
                                RetryOn.HTTP_503), "10s")).build(),
                route("api.updateItem", h + "update", "/api/items/{id:[0-9]+}", PUT).idempotent(true).edgeAuth(new EdgeAuthSpec("admin"))
                        .rateLimit(new RateLimitSpec("5r/s", 0, RateLimitKey.USER, false))
                        .timeouts(new TimeoutSpec("2s", "30s", "30s")).build(),
                route("api.itemAction", h + "action", "/api/items/{name}", POST).build(),
                route("api.purgeItem", h + "purge", "/api/items/{id:[0-9]+}", DELETE).visibility(Visibility.INTERNAL).build(),
                route("api.files", "com.example.api.FileHandler#files", "/api/files").match(Match.PREFIX).authenticated(true)
                        .cache(new CacheSpec("10m", "0s", "0s", List.of(CacheKey.URI, CacheKey.AUTHORIZATION),
                                List.of(), true, true, List.of(), List.of())).build(),
                route("api.events", "com.example.api.EventHandler#events", "/api/events").cors(ANY_CORS)
                        .streaming(new StreamingSpec(StreamingMode.SSE, "1h")).build(),
                route("api.socket", "com.example.api.EventHandler#socket", "/api/ws")
                        .streaming(new StreamingSpec(StreamingMode.WEBSOCKET, "10m")).build(),
                route("api.search", "com.example.api.SearchHandler#search", "/api/search")
                        .rateLimit(new RateLimitSpec("100r/m", 10, RateLimitKey.GLOBAL, true))
                        .slo(new SloSpec("99%", "1s", 95)).build(),
                route("api.stats", "com.example.api.StatsHandler#stats", "/internal/stats").visibility(Visibility.INTERNAL).build()));
    }

    static ServiceManifest auth(int port) {
        String h = "com.example.auth.AuthHandler#";
        return ServiceManifest.of("auth-service", upstream(port, Balancing.IP_HASH, HashKey.CLIENT_IP, 0), List.of(
                route("auth.verify", h + "verify", "/auth/verify").visibility(Visibility.INTERNAL).edgeAuthVerifier(true).build(),
                route("auth.login", h + "login", "/auth/login", POST).maxBodySize("64k")
                        .rateLimit(new RateLimitSpec("5r/m", 0, RateLimitKey.CLIENT_IP, true)).build(),
                route("auth.me", h + "me", "/auth/me").edgeAuth(new EdgeAuthSpec("")).cors(ANY_CORS).build()));
    }

    static ServiceManifest reports(int port) {
        String h = "com.example.reports.ReportHandler#";
        return ServiceManifest.of("report-service", upstream(port, Balancing.HASH, HashKey.REQUEST_URI, 8), List.of(
                route("reports.get", h + "get", "/reports/{year:[0-9]{4}}")
                        .cache(new CacheSpec("1h", "0s", "1m", List.of(CacheKey.URI), List.of(), true, false,
                                List.of(), List.of("fresh"))).build(),
                route("reports.upload", h + "upload", "/reports/{year:[0-9]{4}}", POST).idempotent(true)
                        .maxBodySize("0").build()));
    }

    static ServiceManifest profiles(int port) {
        return ServiceManifest.of("profile-service", upstream(port, Balancing.HASH, HashKey.USER, 4), List.of(
                route("profile.get", "com.example.profile.ProfileHandler#get", "/profile").edgeAuth(new EdgeAuthSpec("user")).build(),
                route("profile.home", "com.example.profile.ProfileHandler#home", "/", GET).build()));
    }

    static List<ServiceManifest> all() {
        return List.of(api(8080), auth(9000), reports(8081), profiles(8082));
    }
}
