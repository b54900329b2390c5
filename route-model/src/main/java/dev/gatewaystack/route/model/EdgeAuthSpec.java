package dev.gatewaystack.route.model;

/** Gateway authentication of a route; {@code role} is empty for "any authenticated user". */
public record EdgeAuthSpec(String role) {
}
