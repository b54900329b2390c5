package dev.gatewaystack.route.model;

import dev.gatewaystack.route.StreamingMode;

/** A streaming route: not buffered, kept open up to {@code idleTimeout} of silence. */
public record StreamingSpec(StreamingMode mode, String idleTimeout) {
}
