/**
 * A test service run as two real Helidon replicas behind a real nginx in {@code GatewayIntegrationTest}.
 * A short fail_timeout lets the retry test bring a killed replica's slot back quickly.
 */
@Upstream(service = "echo-service", port = 8080, maxFails = 1, failTimeout = "1s", keepalive = 0)
package dev.gatewaystack.gateway.it.echo;

import dev.gatewaystack.route.Upstream;
