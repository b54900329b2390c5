package dev.gatewaystack.support;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ServiceStartTest {
    @Test
    void theConfiguredInstanceNameWinsAndABlankOneFallsBackToTheHost() {
        assertEquals("api-2", ServiceStart.instanceName(config("api-2")));
        String fallback = ServiceStart.instanceName(config("  "));
        assertFalse(fallback.isBlank(), "the container's host name, or 'unknown'");
        String expected = System.getenv("HOSTNAME");
        if (expected != null && !expected.isBlank()) {
            assertEquals(expected, fallback);
        }
    }

    private static Config config(String instance) {
        return Config.just(ConfigSources.create(Map.of("app.instance", instance)));
    }
}
