package dev.gatewaystack.gateway.render.policy;

import dev.gatewaystack.gateway.render.LocationSlot;
import dev.gatewaystack.gateway.render.NginxWriter;
import dev.gatewaystack.gateway.render.RouteContext;
import dev.gatewaystack.route.StreamingMode;
import dev.gatewaystack.route.model.StreamingSpec;

import java.util.Optional;

/**
 * {@code @Streaming(SSE / WEBSOCKET)}: no buffering or caching; a WebSocket gets the upgrade headers. Every other
 * route keeps its upstream connection alive (an empty Connection header). The idle timeout is rendered by
 * {@link TimeoutsPolicy}.
 */
public final class StreamingPolicy implements GatewayPolicy {
    @Override
    public void render(LocationSlot slot, RouteContext r, NginxWriter c) {
        StreamingSpec streaming = r.spec().streaming();
        if (slot == LocationSlot.CONNECTION) {
            if (streaming != null && streaming.mode() == StreamingMode.WEBSOCKET) {
                c.directive("proxy_set_header", "Upgrade", "$http_upgrade");
                c.directive("proxy_set_header", "Connection", "$connection_upgrade");
            } else {
                c.directive("proxy_set_header", "Connection", "");
            }
        } else if (slot == LocationSlot.BUFFERING && streaming != null) {
            c.directive("proxy_buffering", "off");
            c.directive("proxy_request_buffering", "off");
            c.directive("proxy_cache", "off");
        }
    }

    @Override
    public Optional<String> describe(RouteContext r) {
        StreamingSpec s = r.spec().streaming();
        return s == null ? Optional.empty() : Optional.of("streaming " + s.mode() + " idle " + s.idleTimeout());
    }
}
