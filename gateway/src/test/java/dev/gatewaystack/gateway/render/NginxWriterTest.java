package dev.gatewaystack.gateway.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaystack.gateway.render.NginxWriter.Condition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The writer quotes arguments itself, so callers never build quoted strings; JSON templates are escaped by Jackson. */
class NginxWriterTest {
    private static String directive(Object... args) {
        return new NginxWriter().directive("d", args).toString();
    }

    @Test
    void quotesOnlyArgumentsThatNeedIt() {
        assertEquals("d 443 ssl $request_uri =404 ~^/a(b|c)$;\n", directive("443", "ssl", "$request_uri", "=404",
                "~^/a(b|c)$"), "bare words stay bare");
        assertEquals("d \"\";\n", directive(""), "empty");
        assertEquals("d \"max-age=1; includeSubDomains\";\n", directive("max-age=1; includeSubDomains"), "space, ;");
        assertEquals("d \"a{1}\" \"x#y\";\n", directive("a{1}", "x#y"), "braces, #");
        assertEquals("d '{\"a\":1}';\n", directive("{\"a\":1}"), "double quotes only: single-quoted as written");
        assertEquals("d \"it's \\\"x\\\"\";\n", directive("it's \"x\""), "both quotes: double-quoted, escaped");
        assertEquals("d \"a b\\\\c\";\n", directive("a b\\c"), "backslash escaped inside quotes");
        assertEquals("d \"no-cache\" 7;\n", directive(NginxWriter.quoted("no-cache"), 7), "forced quotes; numbers");
    }

    @Test
    void aNewlineInsideAnArgumentIsNginxsEscapeSoTheDirectiveStaysOnOneLine() {
        assertEquals("d '{\"a\":$x}\\n';\n", directive("{\"a\":$x}\n"), "single-quoted (JSON)");
        assertEquals("d \"a b\\n\";\n", directive("a b\n"), "double-quoted");
    }

    @Test
    void writesBlocksMapEntriesAndOneLineIfs() {
        NginxWriter c = new NginxWriter();
        c.block("location", "~", NginxWriter.quoted("^/a$"));
        c.ifThen(Condition.equal("$request_method", "OPTIONS"), "rewrite", "^", "/__cors/1", "last");
        c.ifThen(Condition.matches("$request_method", "^(GET|HEAD)$"), "return", 404);
        c.ifThen(Condition.set("$flag"), "set", "$x", "");
        c.emptyBlock("types");
        c.end();
        c.block("map", "$http_x", "$y").mapEntry("", "close").mapEntry(NginxWriter.quoted("~^a b$"), "1").end();
        assertEquals("""
                location ~ "^/a$" {
                    if ($request_method = OPTIONS) { rewrite ^ /__cors/1 last; }
                    if ($request_method ~ ^(GET|HEAD)$) { return 404; }
                    if ($flag) { set $x ""; }
                    types { }
                }
                map $http_x $y {
                    "" close;
                    "~^a b$" 1;
                }
                """, c.toString());
    }

    @Test
    void jsonTemplateEscapesTextAndKeepsRawValues() throws Exception {
        String json = new JsonTemplate().string("title", "a \"b\" \\ c\n").raw("status", 404)
                .string("requestId", "$gateway_request_id").toString();
        assertEquals("{\"title\":\"a \\\"b\\\" \\\\ c\\n\",\"status\":404,\"requestId\":\"$gateway_request_id\"}",
                json);
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals("a \"b\" \\ c\n", node.get("title").asText());
        assertEquals(404, node.get("status").asInt());
    }
}
