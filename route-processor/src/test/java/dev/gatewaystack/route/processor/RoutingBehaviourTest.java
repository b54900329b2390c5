package dev.gatewaystack.route.processor;

import com.google.testing.compile.Compilation;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.tools.JavaFileObject;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

/** Compiles a handler, loads the generated routing into a real Helidon server and calls it over HTTP. */
class RoutingBehaviourTest {
    // Less specific routes are declared first on purpose: registration order must come from specificity.
    private static final JavaFileObject ITEMS = TestSources.source("com.example.live.ItemHandler",
            "@Upstream(service = \"live\")",
            "public class ItemHandler {",
            "    @Route(path = \"/items/{name}\")",
            "    public void byName(@PathParam String name, ServerResponse res) { res.send(\"name \" + name); }",
            "    @Route(path = \"/items/{id:[0-9]+}\")",
            "    public void byId(ServerResponse res, @PathParam(\"id\") long id) { res.send(\"id \" + (id + 1)); }",
            "    @Route(path = \"/items/special\")",
            "    public void special(ServerRequest req, ServerResponse res) { res.send(\"special\"); }",
            "    @Route(path = \"/numbers/{n}\", methods = {HttpMethod.GET, HttpMethod.POST})",
            "    public void number(@PathParam int n, ServerRequest req, ServerResponse res) {",
            "        res.send(req.prologue().method().text() + \" \" + (n * 2));",
            "    }",
            "    @Route(path = \"/orders/{id:[0-9]+}\")",
            "    public void order(@PathParam Integer id, ServerResponse res) { res.send(\"order \" + id); }",
            "    @Route(path = \"/files\", match = Match.PREFIX)",
            "    public void files(ServerRequest req, ServerResponse res) { res.send(\"files \" + req.path().path()); }",
            "    @Route(path = \"/tokens/{t}\")",
            "    public void token(@PathParam java.util.UUID t, ServerResponse res) { res.send(t.toString()); }",
            "}");

    private static WebServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Compilation compilation = TestSources.compile(ITEMS);
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = new GeneratedClassLoader(compilation, RoutingBehaviourTest.class.getClassLoader());
        Object handler = loader.loadClass("com.example.live.ItemHandler").getConstructor().newInstance();
        HttpService routes = (HttpService) loader.loadClass("com.example.live.LiveRoutes")
                .getConstructor(loader.loadClass("com.example.live.ItemHandler")).newInstance(handler);
        server = WebServer.builder().port(0).routing(r -> r.register(routes)).build().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static HttpResponse<String> call(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAnswer(String path, int status, String body) throws Exception {
        HttpResponse<String> response = call("GET", path);
        assertThat(response.statusCode()).isEqualTo(status);
        if (body != null) {
            assertThat(response.body()).isEqualTo(body);
        }
    }

    @Test
    void routeAnswersWithConvertedPathParams() throws Exception {
        assertAnswer("/items/41", 200, "id 42");
        assertAnswer("/numbers/21", 200, "GET 42");
        assertAnswer("/orders/7", 200, "order 7");
        assertAnswer("/tokens/123e4567-e89b-12d3-a456-426614174000", 200, "123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void everyDeclaredMethodIsRegistered() throws Exception {
        HttpResponse<String> post = call("POST", "/numbers/5");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("POST 10");
        assertThat(call("DELETE", "/numbers/5").statusCode()).isEqualTo(404);
    }

    @Test
    void headIsAnsweredForGetRoutes() throws Exception {
        HttpResponse<String> head = call("HEAD", "/items/special");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void unconvertibleParamIsBadRequest() throws Exception {
        assertAnswer("/numbers/abc", 400, null);
        assertAnswer("/numbers/99999999999", 400, null);
        assertAnswer("/tokens/not-a-uuid", 400, null);
    }

    @Test
    void regexParamRejectsOtherSegments() throws Exception {
        assertAnswer("/orders/abc", 404, null);
    }

    @Test
    void prefixMatchesThePathAndEverythingBelow() throws Exception {
        assertAnswer("/files", 200, "files /files");
        assertAnswer("/files/a/b", 200, "files /files/a/b");
        assertAnswer("/filesystem", 404, null);
    }

    @Test
    void moreSpecificRouteWinsRegardlessOfDeclarationOrder() throws Exception {
        assertAnswer("/items/special", 200, "special");
        assertAnswer("/items/7", 200, "id 8");
        assertAnswer("/items/seven", 200, "name seven");
    }
}
