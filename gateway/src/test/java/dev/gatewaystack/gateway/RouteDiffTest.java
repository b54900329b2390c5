package dev.gatewaystack.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewaystack.gateway.diff.RouteDiff;
import dev.gatewaystack.gateway.diff.RouteDiffCheck;
import dev.gatewaystack.gateway.diff.RouteLock;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.ServiceManifest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The route diff against a baseline: each kind of breaking change, non-breaking ones, and the build step. */
class RouteDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RouteLock BASELINE = RouteLock.of(RoutePlan.of(Fixtures.all()));

    /** The fixtures with one route of api-service edited as manifest JSON (null edit: the route removed). */
    private static RoutePlan withRoute(String id, Consumer<ObjectNode> edit) throws Exception {
        List<ServiceManifest> manifests = new ArrayList<>();
        for (ServiceManifest m : Fixtures.all()) {
            ObjectNode json = (ObjectNode) JSON.readTree(ManifestFiles.toJson(m));
            ArrayNode routes = (ArrayNode) json.get("routes");
            for (int i = 0; i < routes.size(); i++) {
                if (routes.get(i).get("id").asText().equals(id)) {
                    if (edit == null) {
                        routes.remove(i);
                    } else {
                        edit.accept((ObjectNode) routes.get(i));
                    }
                    break;
                }
            }
            manifests.add(ManifestFiles.fromJson(new ByteArrayInputStream(
                    JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8)), m.service()));
        }
        return RoutePlan.of(manifests);
    }

    private static RouteDiff diff(RoutePlan now) {
        return RouteDiff.between(BASELINE, RouteLock.of(now), "1m");
    }

    @Test
    void unchangedRoutesMakeNoDiff() {
        RouteDiff d = diff(RoutePlan.of(Fixtures.all()));
        assertEquals(List.of(), d.changes());
        assertEquals("no route changes against the baseline", d.report());
    }

    @Test
    void aCacheTtlChangeIsShownAndDoesNotBreak() throws Exception {
        RouteDiff d = diff(withRoute("api.listItems", r -> ((ObjectNode) r.get("cache")).put("success", "10m")));
        assertEquals(List.of("~ GET /api/items cache.success 1m → 10m"), d.changes().stream().map(RouteDiff.Change::line).toList());
        assertEquals(List.of(), d.breaking());
        assertTrue(d.report().endsWith("0 added, 0 removed, 1 changed, 0 breaking"), d.report());
    }

    @Test
    void aRemovedRouteBreaks() throws Exception {
        RouteDiff d = diff(withRoute("api.search", null));
        assertEquals(List.of("- GET /api/search  BREAKING: route removed"),
                d.changes().stream().map(RouteDiff.Change::line).toList());
        assertEquals(1, d.breaking().size());
    }

    @Test
    void aRemovedMethodBreaks() throws Exception {
        RouteDiff d = diff(withRoute("api.createItem", null));
        assertEquals(List.of("- POST /api/items  BREAKING: method removed (the path remains with other methods)"),
                d.changes().stream().map(RouteDiff.Change::line).toList());
    }

    @Test
    void aPublicRouteMadeInternalBreaks() throws Exception {
        RouteDiff d = diff(withRoute("api.search", r -> r.put("visibility", "INTERNAL")));
        assertEquals(List.of("~ GET /api/search visibility PUBLIC → INTERNAL  BREAKING: public route made internal"),
                d.changes().stream().map(RouteDiff.Change::line).toList());
    }

    @Test
    void aTighterBodyLimitBreaksALooserOneDoesNot() throws Exception {
        assertEquals("tighter body limit 10m → 1m",
                diff(withRoute("api.createItem", r -> r.put("maxBodySize", "1m"))).breaking().getFirst().breaking());
        assertEquals(List.of(), diff(withRoute("api.createItem", r -> r.put("maxBodySize", "20m"))).breaking());
        // no @MaxBodySize means the deployment default (1m here); 64k is tighter than that
        RouteDiff declared = diff(withRoute("api.itemAction", r -> r.put("maxBodySize", "64k")));
        assertEquals("~ POST /api/items/{name} maxBodySize (none) → 64k  BREAKING: tighter body limit 1m → 64k",
                declared.changes().getFirst().line());
        // nginx's 0 is "no limit": lifting a limit never breaks, setting one where there was none does
        assertEquals(List.of(), diff(withRoute("api.createItem", r -> r.put("maxBodySize", "0"))).breaking());
        RouteDiff fromUnlimited = RouteDiff.between(RouteLock.of(withRoute("api.createItem", r -> r.put("maxBodySize", "0"))),
                BASELINE, "1m");
        assertEquals(1, fromUnlimited.breaking().size());
    }

    @Test
    void anAddedRouteDoesNotBreakAndSeveralFieldsAreListed() throws Exception {
        RouteDiff d = RouteDiff.between(RouteLock.of(withRoute("api.search", null)), BASELINE, "1m");
        assertEquals(List.of("+ GET /api/search"), d.changes().stream().map(RouteDiff.Change::line).toList());
        assertEquals(List.of(), d.breaking());
        RouteDiff many = diff(withRoute("api.search", r -> {
            ((ObjectNode) r.get("rateLimit")).put("rate", "50r/m");
            r.put("authenticated", true);
        }));
        assertEquals("~ GET /api/search\n    authenticated false → true\n    rateLimit.rate 100r/m → 50r/m",
                many.changes().getFirst().line());
    }

    @Test
    void pathParameterTypesAreFieldsKeyedByParameterName() throws Exception {
        RouteLock before = RouteLock.of(withRoute("api.getItem", r -> r.putArray("pathParams").addObject()
                .put("name", "id").put("type", "string")));
        RouteLock after = RouteLock.of(withRoute("api.getItem", r -> r.putArray("pathParams").addObject()
                .put("name", "id").put("type", "integer").put("format", "int64")));
        assertEquals("~ GET /api/items/{id:[0-9]+}\n    pathParams.id.format (none) → int64\n"
                        + "    pathParams.id.type string → integer",
                RouteDiff.between(before, after, "1m").changes().getFirst().line());
    }

    @Test
    void theBaselineSurvivesItsJsonForm() {
        assertEquals(BASELINE, RouteLock.fromJson(BASELINE.toJson()));
        assertTrue(BASELINE.toJson().contains("\"GET /api/items\""), BASELINE.toJson());
    }

    @Test
    void strictModeFailsOnABreakingChangeUntilTheBaselineIsUpdated() throws Exception {
        Path dir = Files.createTempDirectory("routes-lock");
        Path lock = dir.resolve("routes.lock.json");
        Files.writeString(lock, BASELINE.toJson());
        RoutePlan removed = withRoute("api.search", null);
        List<String> printed = new ArrayList<>();
        var lenient = RouteDiffCheck.run(removed, new RouteDiffCheck.Options(lock, false, false, "1m"), printed::add);
        assertEquals(1, lenient.breaking().size());
        assertTrue(printed.getFirst().contains("- GET /api/search  BREAKING: route removed"), printed.toString());

        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                RouteDiffCheck.run(removed, new RouteDiffCheck.Options(lock, true, false, "1m"), printed::add));
        assertTrue(e.getMessage().contains("- GET /api/search  BREAKING: route removed"), e.getMessage());
        assertTrue(e.getMessage().contains(RouteDiffCheck.UPDATE_COMMAND), e.getMessage());

        RouteDiffCheck.run(removed, new RouteDiffCheck.Options(lock, false, true, "1m"), printed::add);
        assertEquals(RouteLock.of(removed), RouteLock.fromJson(Files.readString(lock)));
        assertEquals(List.of(), RouteDiffCheck.run(removed, new RouteDiffCheck.Options(lock, true, false, "1m"),
                printed::add).changes());
        Files.delete(lock);
        Files.delete(dir);
    }
}
