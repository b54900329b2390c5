package dev.gatewaystack.gateway.render;

/** A response header a route location adds ({@code add_header name value always}); the value is an nginx argument. */
public record ResponseHeader(String name, Object value) {
}
