/** Routes of every shape, run on a real Helidon behind a real nginx in {@code PathAgreementTest}. */
@Upstream(service = "agree-service", port = 8080, keepalive = 0)
package dev.gatewaystack.gateway.it.agree;

import dev.gatewaystack.route.Upstream;
