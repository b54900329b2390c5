package dev.gatewaystack.route.model;

import dev.gatewaystack.route.model.RoutingEntry.Argument;
import dev.gatewaystack.route.model.RoutingEntry.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingEntryTest {
    @Test
    void lineRoundTripsEveryArgumentKind() {
        RoutingEntry entry = new RoutingEntry("api.get", List.of("GET", "HEAD"), false, "/a/{id:[0-9]+}/{n}/{u}/{s}",
                "com.example.AHandler", "get", List.of(Argument.REQUEST, Argument.path(Kind.LONG, "id"),
                Argument.path(Kind.INTEGER, "n"), Argument.path(Kind.UUID, "u"), Argument.path(Kind.STRING, "s"),
                Argument.RESPONSE));
        assertEquals("api.get\tGET,HEAD\tpattern\t/a/{id:[0-9]+}/{n}/{u}/{s}\tcom.example.AHandler\tget\t"
                + "REQUEST,LONG:id,INTEGER:n,UUID:u,STRING:s,RESPONSE", entry.toLine());
        assertEquals(entry, RoutingEntry.parse(entry.toLine()));
    }

    @Test
    void handlerWithoutParametersAndExactPath() {
        RoutingEntry entry = new RoutingEntry("s.ping", List.of("POST"), true, "/ping", "P", "ping", List.of());
        assertEquals(entry, RoutingEntry.parse(entry.toLine()));
    }

    @Test
    void malformedLineSaysWhatALineIs() {
        var e = assertThrows(IllegalArgumentException.class, () -> RoutingEntry.parse("s.ping\tPOST\t/ping"));
        assertTrue(e.getMessage().contains("7 tab-separated fields"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RoutingEntry.parse("s.ping\tPOST\tfuzzy\t/ping\tP\tping\t"));
    }

    @Test
    void resourceIsBesideTheManifest() {
        assertEquals("META-INF/gateway/api-service.routing", RoutingEntry.resource("api-service"));
    }
}
