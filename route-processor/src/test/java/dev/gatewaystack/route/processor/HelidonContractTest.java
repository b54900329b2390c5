package dev.gatewaystack.route.processor;

import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.model.PathTemplate;
import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static com.google.common.truth.Truth.assertThat;

/** What the generated routing relies on from Helidon 4.1.7, checked directly. */
class HelidonContractTest {

    private static boolean matches(String path, Match match, String request) {
        return PathMatchers.create(PathTemplate.parse(path).helidonPattern(match))
                .match(UriPath.create(request)).accepted();
    }

    @Test
    void prefixPatternMatchesThePathAndBelowOnly() {
        assertThat(matches("/files", Match.PREFIX, "/files")).isTrue();
        assertThat(matches("/files", Match.PREFIX, "/files/a/b")).isTrue();
        assertThat(matches("/files", Match.PREFIX, "/filesystem")).isFalse();
        assertThat(matches("/", Match.PREFIX, "/anything/below")).isTrue();
    }

    @Test
    void regexParamMatchesOnlyItsSegments() {
        assertThat(matches("/a/{id:[0-9]+}", Match.EXACT, "/a/42")).isTrue();
        assertThat(matches("/a/{id:[0-9]+}", Match.EXACT, "/a/4x")).isFalse();
        assertThat(matches("/a/{id}", Match.EXACT, "/a/x/y")).isFalse();
        assertThat(matches("/a/{id}", Match.PREFIX, "/a/x/y")).isTrue();
    }

    /** Why the generated routing registers HEAD next to GET: Helidon does not derive it. */
    @Test
    void helidonDoesNotAnswerHeadFromGetRoutes() throws Exception {
        WebServer server = WebServer.builder().port(0)
                .routing(r -> r.route(Method.GET, PathMatchers.exact("/get"), (req, res) -> res.send("x")))
                .build().start();
        try {
            HttpResponse<Void> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + server.port() + "/get"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(404);
        } finally {
            server.stop();
        }
    }
}
