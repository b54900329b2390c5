package dev.gatewaystack.gateway;

import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RoutePlan;
import dev.gatewaystack.gateway.render.NginxConfigRenderer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Compose target adds for operations: nginx counters for the exporter, and pluggable log shipping. */
class ComposeTargetTest {
    private static final RoutePlan PLAN = RoutePlan.of(Fixtures.all());

    @Test
    void composeTargetServesStubStatusOnItsOwnPortOnly() {
        String conf = NginxConfigRenderer.nginxConf(PLAN, GatewayTarget.compose());
        assertTrue(conf.contains("""
                    server {
                        listen 8081;
                        access_log off;
                        location = /stub_status {
                            stub_status;
                        }
                        location / {
                            return 404;
                        }
                    }
                """), conf);
        // exactly one stub_status, i.e. not on the public TLS server
        assertTrue(conf.indexOf("stub_status;") == conf.lastIndexOf("stub_status;"));
    }

    @Test
    void composeTargetIncludesLogDestinationsAfterTheStdoutLog() {
        String conf = NginxConfigRenderer.nginxConf(PLAN, GatewayTarget.compose());
        int stdout = conf.indexOf("access_log /dev/stdout gateway_json;");
        int include = conf.indexOf("include /etc/nginx/logging/*.conf;");
        assertTrue(stdout > 0 && include > stdout, conf);
    }

    @Test
    void loopbackTargetHasNeitherUnlessAsked() {
        GatewayTarget loopback = GatewayTarget.compose().withStatusListen(null).withLogIncludes(null);
        String conf = NginxConfigRenderer.nginxConf(PLAN, loopback);
        assertFalse(conf.contains("stub_status"));
        assertFalse(conf.contains("/etc/nginx/logging"));
    }
    // nginx -t on both: NginxCheckTest runs LoopbackCheck, whose twin carries a status server and a log include.
}
