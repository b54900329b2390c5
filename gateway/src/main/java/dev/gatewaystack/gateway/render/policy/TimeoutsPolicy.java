package dev.gatewaystack.gateway.render.policy;

import dev.gatewaystack.gateway.render.LocationSlot;
import dev.gatewaystack.gateway.render.NginxWriter;
import dev.gatewaystack.gateway.render.RouteContext;
import dev.gatewaystack.route.StreamingMode;
import dev.gatewaystack.route.model.StreamingSpec;
import dev.gatewaystack.route.model.TimeoutSpec;

import java.util.Optional;

/**
 * {@code @Timeouts}: proxy connect/read/send timeouts. A stream's idle timeout replaces the read timeout (and,
 * for a WebSocket, the send timeout): it is the longest silence the connection survives.
 */
final class TimeoutsPolicy implements GatewayPolicy {
    @Override
    public void render(LocationSlot slot, RouteContext r, NginxWriter c) {
        if (slot != LocationSlot.TIMEOUTS) {
            return;
        }
        TimeoutSpec t = r.spec().timeouts();
        StreamingSpec streaming = r.spec().streaming();
        String connect = t == null ? null : t.connect();
        String read = t == null ? null : t.read();
        String send = t == null ? null : t.send();
        if (streaming != null && streaming.idleTimeout() != null) {
            read = streaming.idleTimeout();
            if (streaming.mode() == StreamingMode.WEBSOCKET) {
                send = streaming.idleTimeout();
            }
        }
        timeout(c, "proxy_connect_timeout", connect);
        timeout(c, "proxy_read_timeout", read);
        timeout(c, "proxy_send_timeout", send);
    }

    @Override
    public Optional<String> describe(RouteContext r) {
        TimeoutSpec t = r.spec().timeouts();
        return t == null ? Optional.empty()
                : Optional.of("timeouts connect " + t.connect() + " read " + t.read() + " send " + t.send());
    }

    private static void timeout(NginxWriter c, String directive, String value) {
        if (value != null && !value.isEmpty()) {
            c.directive(directive, value);
        }
    }
}
