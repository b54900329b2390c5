package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.run.LoopbackCheck;
import dev.gatewaystack.gateway.run.NginxBinary;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real nginx accepts what we render (on the loopback twin; Compose host names do not resolve here). */
class NginxCheckTest {

    static NginxBinary nginx() {
        // Fail, not skip: a missing nginx would silently hide broken configs.
        return NginxBinary.find().orElseThrow(() -> new AssertionError(NginxBinary.INSTALL_HINT));
    }

    @Test
    void nginxAcceptsTheRichConfig() {
        NginxBinary.Result result = LoopbackCheck.run(RoutePlan.of(Fixtures.all()), nginx());
        assertTrue(result.ok(), () -> "nginx -t failed:\n" + result.output());
    }

    @Test
    void nginxAcceptsAnEmptyStack() {
        NginxBinary.Result result = LoopbackCheck.run(RoutePlan.of(java.util.List.of()), nginx());
        assertTrue(result.ok(), () -> "nginx -t failed:\n" + result.output());
    }
}
