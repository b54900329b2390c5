package dev.gatewaystack.route;

/** Kinds of {@link Streaming} routes. */
public enum StreamingMode {
    /** Server-sent events ({@code text/event-stream}) on a GET route. */
    SSE,
    /** An HTTP/1.1 upgrade to WebSocket on a GET route: the gateway forwards the {@code Upgrade} headers. */
    WEBSOCKET
}
