package dev.gatewaystack.gateway;

/** A response header a route location adds ({@code add_header name value always}); the value is an nginx argument. */
record ResponseHeader(String name, Object value) {
}
