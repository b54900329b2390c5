package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SLO rules rendered from {@code @Slo} (slo.rules.yml) checked by Debian's promtool ({@code $PROMTOOL_BIN}, else
 * /usr/bin/promtool; {@code apt-get install -y prometheus}): {@code check rules}, and {@code test rules} with the
 * alert unit tests of src/test/resources/slo/slo.test.yml (burning, healthy and slow traffic).
 */
class SloRulesTest {
    @TempDir
    Path dir;

    private static String promtool() {
        String env = System.getenv("PROMTOOL_BIN");
        Path bin = Path.of(env == null || env.isBlank() ? "/usr/bin/promtool" : env);
        assertTrue(Files.isExecutable(bin), bin + " not found: the SLO rules are checked with Debian's promtool"
                + " (apt-get install -y prometheus, or set PROMTOOL_BIN)");
        return bin.toString();
    }

    private String run(String... args) throws Exception {
        Process p = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", args) + ":\n" + out);
        return out;
    }

    private String rules(List<dev.gatewaystack.route.model.ServiceManifest> manifests) {
        return NginxConfigRenderer.render(RoutePlan.of(manifests), GatewayTarget.compose()).get("slo.rules.yml");
    }

    @Test
    void rulesPassPromtoolAndTheirAlertUnitTests() throws Exception {
        String rules = rules(Fixtures.all());
        assertTrue(rules.contains("route_id=\"api.listItems\""), rules);
        Files.writeString(dir.resolve("slo.rules.yml"), rules);
        try (InputStream in = SloRulesTest.class.getResourceAsStream("/slo/slo.test.yml")) {
            Files.write(dir.resolve("slo.test.yml"), in.readAllBytes());
        }
        // Two SLO routes: promtool's lint also refuses rules it cannot tell apart (same name, same labels).
        assertTrue(run(promtool(), "check", "rules", "slo.rules.yml").contains("SUCCESS: 36 rules found"),
                "7 windows x 2 ratios + 4 alerts for each of the two SLO routes");
        run(promtool(), "test", "rules", "slo.test.yml");
    }

    @Test
    void withoutSloRoutesTheFileIsAValidEmptyRuleSet() throws Exception {
        String rules = rules(List.of(Fixtures.auth(8080)));
        assertTrue(rules.contains("groups: []"), rules);
        Files.writeString(dir.resolve("slo.rules.yml"), rules);
        run(promtool(), "check", "rules", "slo.rules.yml");
    }

    @Test
    void theLatencyThresholdIsTheGatewayHistogramsBucketBound() {
        String rules = rules(Fixtures.all());
        assertTrue(rules.contains("gateway_route_request_seconds_bucket{route_id=\"api.listItems\",le=\"0.3\"}[5m]"), rules);
        assertTrue(rules.contains("> 0.0144 and gatewaystack:slo_errors:ratio_rate5m{route_id=\"api.listItems\"} > 0.0144"),
                "14.4 x the 0.1 % budget: " + rules);
    }
}
