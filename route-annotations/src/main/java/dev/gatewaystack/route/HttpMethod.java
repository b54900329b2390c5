package dev.gatewaystack.route;

/** HTTP methods a route can accept. GET routes answer HEAD as well. */
public enum HttpMethod {
    GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS
}
