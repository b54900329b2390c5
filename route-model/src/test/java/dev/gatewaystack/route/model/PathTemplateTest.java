package dev.gatewaystack.route.model;

import dev.gatewaystack.route.Match;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing, both routers' forms, and how two templates relate. */
class PathTemplateTest {
    @Test
    void parsesLiteralsAndParameters() {
        PathTemplate t = PathTemplate.parse("/a/{id:[0-9]+}/{name}");
        assertEquals(java.util.List.of("id", "name"), t.paramNames());
        assertEquals("/a/{:[0-9]+}/{}", t.shape());
        assertEquals("^/a/(?:[0-9]+)/[^/]+$", t.nginxRegex(Match.EXACT));
        assertEquals("/a/{id:[0-9]+}/{name}[/*]", t.helidonPattern(Match.PREFIX));
    }

    @Test
    void rejectsWhatTheGatewayCannotCarry() {
        assertThrows(InvalidPathException.class, () -> PathTemplate.parse("a"));
        assertThrows(InvalidPathException.class, () -> PathTemplate.parse("/a/"));
        assertThrows(InvalidPathException.class, () -> PathTemplate.parse("/a//b"));
        assertThrows(InvalidPathException.class, () -> PathTemplate.parse("/a/{x:.*}"));
        assertThrows(InvalidPathException.class, () -> PathTemplate.parse("/a/{x}/{x}"));
    }

    @Test
    void coversOverlapsAndSpecificity() {
        PathTemplate prefix = PathTemplate.parse("/a");
        PathTemplate item = PathTemplate.parse("/a/{id:[0-9]+}");
        assertTrue(prefix.covers(Match.PREFIX, item, Match.EXACT));
        assertFalse(item.covers(Match.EXACT, prefix, Match.PREFIX));
        assertTrue(item.overlaps(Match.EXACT, PathTemplate.parse("/a/{x}"), Match.EXACT));
        assertFalse(item.overlaps(Match.EXACT, PathTemplate.parse("/a/b"), Match.EXACT));
        assertTrue(PathTemplate.compareSpecificity(item, Match.EXACT, prefix, Match.PREFIX) < 0);
    }
}
