package dev.gatewaystack.gateway.it.agree;

import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.PathParam;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Visibility;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Literal, parameter, regex, prefix and internal routes that overlap the way real services' do. Each handler
 * answers with its own route id (X-Answered-Route) and the route id the gateway chose (X-Seen-Route-ID).
 */
public final class AgreeHandler {
    public static final String SERVICE = "agree-service";

    /** The fallback for requests no route matches: the service's pick is "none". */
    public static void none(ServerRequest request, ServerResponse response) {
        answer(request, response.status(404), "none");
    }

    private static void answer(ServerRequest request, ServerResponse response, String route) {
        response.header("X-Answered-Route", route);
        response.header("X-Seen-Route-ID", request.headers().first(HeaderNames.create("X-Route-ID")).orElse(""));
        response.send(route);
    }

    private static String id(String method) {
        return SERVICE + "." + method;
    }

    @Route(path = "/v1/items", methods = {HttpMethod.GET, HttpMethod.POST})
    public void items(ServerRequest request, ServerResponse response) {
        answer(request, response, id("items"));
    }

    @Route(path = "/v1/items/special", methods = HttpMethod.GET)
    public void special(ServerRequest request, ServerResponse response) {
        answer(request, response, id("special"));
    }

    @Route(path = "/v1/items/{id:[0-9]+}", methods = HttpMethod.GET)
    public void item(ServerRequest request, ServerResponse response, @PathParam("id") String id) {
        answer(request, response, id("item"));
    }

    @Route(path = "/v1/items/{name}", methods = HttpMethod.POST)
    public void named(ServerRequest request, ServerResponse response, @PathParam("name") String name) {
        answer(request, response, id("named"));
    }

    @Route(path = "/v1/items/{id}/parts/{part}", methods = HttpMethod.GET)
    public void part(ServerRequest request, ServerResponse response, @PathParam("id") String id,
                     @PathParam("part") String part) {
        answer(request, response, id("part"));
    }

    @Route(path = "/v1/x.y", methods = HttpMethod.GET)
    public void dotted(ServerRequest request, ServerResponse response) {
        answer(request, response, id("dotted"));
    }

    @Route(path = "/v1/files", match = Match.PREFIX, methods = {HttpMethod.GET, HttpMethod.POST})
    public void files(ServerRequest request, ServerResponse response) {
        answer(request, response, id("files"));
    }

    @Route(path = "/v2/{a}/{b}", methods = HttpMethod.GET)
    public void pair(ServerRequest request, ServerResponse response, @PathParam("a") String a,
                     @PathParam("b") String b) {
        answer(request, response, id("pair"));
    }

    @Route(path = "/v1/admin/stats", methods = HttpMethod.GET, visibility = Visibility.INTERNAL)
    public void stats(ServerRequest request, ServerResponse response) {
        answer(request, response, id("stats"));
    }
}
