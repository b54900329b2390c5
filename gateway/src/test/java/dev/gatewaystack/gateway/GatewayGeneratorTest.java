package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RouteConflictException;
import dev.gatewaystack.route.Balancing;
import dev.gatewaystack.route.HashKey;
import dev.gatewaystack.route.model.ServiceManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.gatewaystack.gateway.RouteBuilder.route;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayGeneratorTest {

    @Test
    void writesFilesAndChecksThemWithNginx(@TempDir Path out) throws Exception {
        NginxCheckTest.nginx();
        GatewayGenerator.generate(Fixtures.all(), GatewayTarget.compose(), out);
        for (String f : List.of("nginx.conf", "common-headers.conf", "proxy-headers.conf", "mime.types", "routes.md")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    @Test
    void conflictsFailBeforeAnythingIsWritten(@TempDir Path out) {
        var up = Fixtures.upstream(1, Balancing.ROUND_ROBIN, HashKey.CLIENT_IP, 0);
        var e = assertThrows(RouteConflictException.class, () -> GatewayGenerator.generate(List.of(
                ServiceManifest.of("a", up, List.of(route("a.x", "com.a.A#x", "/x").build())),
                ServiceManifest.of("b", up, List.of(route("b.x", "com.b.B#x", "/x").build()))), GatewayTarget.compose(),
                out));
        assertTrue(e.getMessage().contains("com.a.A#x") && e.getMessage().contains("com.b.B#x"), e.getMessage());
        assertFalse(Files.exists(out.resolve("nginx.conf")));
    }
}
