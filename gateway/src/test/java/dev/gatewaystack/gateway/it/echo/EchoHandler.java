package dev.gatewaystack.gateway.it.echo;

import dev.gatewaystack.route.Cache;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.MaxBodySize;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.RateLimit;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Visibility;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.concurrent.atomic.AtomicInteger;

/** Routes exercising each gateway policy; every answer names the replica that served it. */
public final class EchoHandler {
    private final String replica;
    private final AtomicInteger cachedCalls = new AtomicInteger();
    /** Shared by both replicas, so every refresh of /echo/fresh answers a body never served before. */
    private static final AtomicInteger FRESH_VERSIONS = new AtomicInteger();

    public EchoHandler(String replica) {
        this.replica = replica;
    }

    private void answer(ServerRequest request, ServerResponse response, String body) {
        response.header("X-Replica", replica);
        response.header("X-Seen-Request-ID", request.headers().first(io.helidon.http.HeaderNames.create("X-Request-ID")).orElse(""));
        response.header("X-Seen-Forwarded-Proto",
                request.headers().first(io.helidon.http.HeaderNames.X_FORWARDED_PROTO).orElse(""));
        response.send(body);
    }

    @Route(path = "/echo/hello", methods = HttpMethod.GET)
    public void hello(ServerRequest request, ServerResponse response) {
        answer(request, response, "hello from " + replica);
    }

    @Route(path = "/echo/hello", methods = HttpMethod.POST)
    public void postHello(ServerRequest request, ServerResponse response) {
        answer(request, response, "posted to " + replica);
    }

    @Route(path = "/echo/items/{id:[0-9]+}", methods = HttpMethod.GET)
    public void item(ServerRequest request, ServerResponse response, @PathParam("id") long id) {
        answer(request, response, "item " + id);
    }

    @Route(path = "/echo/cached", methods = HttpMethod.GET)
    @Cache(success = "5m")
    public void cached(ServerRequest request, ServerResponse response) {
        answer(request, response, "computed " + cachedCalls.incrementAndGet() + " times by " + replica);
    }

    @Route(path = "/echo/fresh", methods = HttpMethod.GET)
    @Cache(success = "1s")
    public void fresh(ServerRequest request, ServerResponse response) {
        answer(request, response, "version " + FRESH_VERSIONS.incrementAndGet());
    }

    @Route(path = "/echo/limited", methods = HttpMethod.GET)
    @RateLimit(rate = "1r/m", burst = 2)
    public void limited(ServerRequest request, ServerResponse response) {
        answer(request, response, "within the limit");
    }

    @Route(path = "/echo/upload", methods = HttpMethod.POST)
    @MaxBodySize("1k")
    public void upload(ServerRequest request, ServerResponse response) {
        answer(request, response, "received " + request.content().as(byte[].class).length + " bytes");
    }

    @Route(path = "/echo/orders", methods = HttpMethod.POST)
    public void order(ServerRequest request, ServerResponse response) {
        answer(request, response, "order taken by " + replica);
    }

    @Route(path = "/echo/files", match = Match.PREFIX, methods = HttpMethod.GET)
    public void files(ServerRequest request, ServerResponse response) {
        answer(request, response, "file " + request.path().path());
    }

    @Route(path = "/echo/admin/stats", methods = HttpMethod.GET, visibility = Visibility.INTERNAL)
    public void internalStats(ServerRequest request, ServerResponse response) {
        answer(request, response, "internal stats");
    }
}
