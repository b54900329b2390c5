/**
 * The OAuth2 / OpenID Connect provider of the stack. Every handler class in this package and below belongs to the upstream declared here.
 */
@Upstream(service = "auth-service", port = 8080)
package dev.gatewaystack.auth;

import dev.gatewaystack.route.Upstream;
