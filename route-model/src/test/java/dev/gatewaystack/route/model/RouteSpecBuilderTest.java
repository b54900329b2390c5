package dev.gatewaystack.route.model;

import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.CacheKey;
import dev.gatewaystack.route.Discovery;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.RateLimitKey;
import dev.gatewaystack.route.RetryOn;
import dev.gatewaystack.route.StreamingMode;
import dev.gatewaystack.route.Visibility;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The builder makes the same route as the constructor, and manifests survive a JSON round trip unchanged. */
class RouteSpecBuilderTest {
    private static final UpstreamSpec UPSTREAM =
            new UpstreamSpec(8080, Balancing.ROUND_ROBIN, HashKey.CLIENT_IP, 16, 3, "10s", Discovery.DNS);

    @Test
    void everyPolicySetThroughTheBuilderEqualsTheConstructorsRoute() {
        CacheSpec cache = new CacheSpec("5m", "0s", "1m", List.of(CacheKey.URI), List.of("Accept"), true, false,
                List.of(), List.of("nocache"));
        RateLimitSpec rate = new RateLimitSpec("10r/s", 5, RateLimitKey.CLIENT_IP, true);
        TimeoutSpec timeouts = new TimeoutSpec("2s", null, "30s");
        CorsSpec cors = new CorsSpec(List.of("https://a.example"), List.of("X-A"), List.of(), true, "10m");
        StreamingSpec streaming = new StreamingSpec(StreamingMode.SSE, "1h");
        RetrySpec retry = new RetrySpec(3, List.of(RetryOn.ERROR), "10s");
        PathParamSpec params = new PathParamSpec("x", "string", "uuid");
        BodySpec body = new BodySpec(SchemaSpec.scalar("string", null), SchemaSpec.array(SchemaSpec.scalar("integer", "int64")));
        RouteSpec built = RouteSpec.builder("s.r", "a.B#r", "/r/{x}").match(Match.PREFIX)
                .methods(List.of(HttpMethod.GET)).visibility(Visibility.INTERNAL).idempotent(true)
                .authenticated(true).edgeAuth(new EdgeAuthSpec("admin")).edgeAuthVerifier(true).cache(cache)
                .rateLimit(rate).maxBodySize("64k").timeouts(timeouts).cors(cors).streaming(streaming).retry(retry)
                .pathParams(List.of(params)).body(body).slo(new SloSpec("99.9%", "300ms", 99)).build();
        RouteSpec constructed = new RouteSpec("s.r", "a.B#r", "/r/{x}", Match.PREFIX, List.of(HttpMethod.GET),
                Visibility.INTERNAL, true, true, new EdgeAuthSpec("admin"), true, cache, rate, "64k", timeouts, cors,
                streaming, retry, List.of(params), body, new SloSpec("99.9%", "300ms", 99));
        assertEquals(constructed, built);
    }

    @Test
    void defaultsAreExactPublicAndNoPolicies() {
        RouteSpec r = RouteSpec.builder("s.r", "a.B#r", "/r").build();
        assertEquals(Match.EXACT, r.match());
        assertEquals(Visibility.PUBLIC, r.visibility());
        assertTrue(r.methods().isEmpty());
        assertNull(r.cache());
        assertNull(r.retry());
    }

    @Test
    void manifestJsonRoundTripsAndOmitsAbsentPolicies() {
        RouteSpec r = RouteSpec.builder("s.r", "a.B#r", "/r").methods(List.of(HttpMethod.POST))
                .maxBodySize("1m").build();
        String json = ManifestFiles.toJson(ServiceManifest.of("s", UPSTREAM, List.of(r)));
        assertTrue(json.contains("\"maxBodySize\" : \"1m\""), json);
        assertTrue(!json.contains("\"cache\""), json);
        ServiceManifest back = ManifestFiles.fromJson(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
        assertEquals(json, ManifestFiles.toJson(back));
    }
}
