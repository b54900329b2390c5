package dev.gatewaystack.route.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Proxy timeouts; {@code null} means the gateway default. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimeoutSpec(String connect, String read, String send) {
}
