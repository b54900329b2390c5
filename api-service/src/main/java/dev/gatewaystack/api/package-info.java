/**
 * The personal-ledger API. Two replicas sit behind the gateway. Every handler class in this package and below belongs to the upstream declared here.
 */
@Upstream(service = "api-service", port = 8080, replicas = 2)
package dev.gatewaystack.api;

import dev.gatewaystack.route.Upstream;
