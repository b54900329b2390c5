package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gateway.mtail for every fixture service compiles in Debian's mtail ({@code $MTAIL_BIN}, else /usr/bin/mtail):
 * mtail refuses over-long patterns, which one alternation of many route ids became. (What the program counts is
 * proven on a real access log by GatewayIntegrationTest.)
 */
class MtailProgramTest {
    @TempDir
    Path dir;

    @Test
    void theProgramForManyRoutesCompiles() throws Exception {
        String env = System.getenv("MTAIL_BIN");
        Path mtail = Path.of(env == null || env.isBlank() ? "/usr/bin/mtail" : env);
        assertTrue(Files.isExecutable(mtail), mtail + " not found: apt-get install -y mtail, or set MTAIL_BIN");
        RoutePlan plan = RoutePlan.of(Fixtures.all());
        String program = NginxConfigRenderer.render(plan, GatewayTarget.compose()).get("gateway.mtail");
        long publicRoutes = plan.routes().stream().filter(r -> r.isPublic()).count();
        assertTrue(publicRoutes >= 10 && program.contains("routes: " + publicRoutes + "."), program);
        Files.writeString(dir.resolve("gateway.mtail"), program);
        Process p = new ProcessBuilder(mtail.toString(), "--compile_only", "--progs", dir.toString(), "--logtostderr")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(!out.contains("compile failed"), out);
    }
}
