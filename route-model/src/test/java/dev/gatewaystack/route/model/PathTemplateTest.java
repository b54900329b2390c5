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

    /** The parser checks characters with loops; these are the sets it must accept, written as regexes. */
    @Test
    void literalsAndParameterNamesAcceptExactlyTheirCharacters() {
        java.util.regex.Pattern literal = java.util.regex.Pattern.compile("[A-Za-z0-9._~!$&'()+,;=:@-]+");
        java.util.regex.Pattern name = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
        for (char c = 0; c < 0x180; c++) {
            if (c == '/' || c == '{' || c == '}') {
                continue; // separators, not segment characters
            }
            String segment = "x" + c + "y";
            assertEquals(literal.matcher(segment).matches(), parses("/" + segment), "literal " + segment);
            if (c != ':') { // ':' starts a parameter's regex
                assertEquals(name.matcher("p" + c).matches(), parses("/{p" + c + "}"), "name p" + c);
                assertEquals(name.matcher(c + "p").matches(), parses("/{" + c + "p}"), "name " + c + "p");
            }
        }
    }

    @Test
    void aParameterRegexIsJudgedTheSameEachTime() {
        for (int i = 0; i < 2; i++) {
            assertEquals("[0-9]+", ((PathTemplate.Param) PathTemplate.parse("/a/{id:[0-9]+}").segments().get(1)).regex());
            assertThrows(InvalidPathException.class, () -> PathTemplate.parse("/a/{id:[0-9}"));
            assertThrows(InvalidPathException.class, () -> PathTemplate.parse("/a/{id:[0-9]*}"));
        }
    }

    private static boolean parses(String path) {
        try {
            PathTemplate.parse(path);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
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
