/**
 * The personal-ledger API. The gateway spreads requests over every replica the engine runs (the service's DNS name,
 * followed at run time: {@code --scale api-service=N}). Every handler class in this package and below belongs to the
 * upstream declared here.
 */
@Upstream(service = "api-service", port = 8080)
package dev.gatewaystack.api;

import dev.gatewaystack.route.Upstream;
