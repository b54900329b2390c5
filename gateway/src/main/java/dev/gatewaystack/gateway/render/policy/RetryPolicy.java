package dev.gatewaystack.gateway.render.policy;

import dev.gatewaystack.gateway.render.LocationSlot;
import dev.gatewaystack.gateway.render.NginxWriter;
import dev.gatewaystack.gateway.render.RouteContext;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.RetryOn;
import dev.gatewaystack.route.model.RetrySpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code @Idempotent} / {@code @Retry}: an idempotent route is retried on another replica; any other route gets
 * {@code proxy_next_upstream off}, so a request that reached a dying replica never runs twice.
 */
final class RetryPolicy implements GatewayPolicy {
    @Override
    public void render(LocationSlot slot, RouteContext r, NginxWriter c) {
        if (slot != LocationSlot.RETRY) {
            return;
        }
        if (!r.spec().idempotent()) {
            c.directive("proxy_next_upstream", "off");
            return;
        }
        RetrySpec retry = r.route().retry();
        List<Object> args = new ArrayList<>();
        for (RetryOn on : retry.on()) {
            args.add(on.name().toLowerCase(Locale.ROOT));
        }
        // nginx never retries POST/PATCH/LOCK unless told; an @Idempotent route says it may.
        if (r.route().methods().stream().anyMatch(m -> m == HttpMethod.POST || m == HttpMethod.PATCH)) {
            args.add("non_idempotent");
        }
        c.directive("proxy_next_upstream", args.toArray());
        // 0: each server of the upstream at most once, however many replicas the engine runs (Retry.EVERY_SERVER).
        c.directive("proxy_next_upstream_tries", retry.attempts());
        if (retry.within() != null && !retry.within().isEmpty()) {
            c.directive("proxy_next_upstream_timeout", retry.within());
        }
    }

    @Override
    public Optional<String> describe(RouteContext r) {
        if (!r.spec().idempotent()) {
            return Optional.of("not retried");
        }
        RetrySpec retry = r.route().retry();
        return Optional.of("idempotent, " + (retry.attempts() == dev.gatewaystack.route.Retry.EVERY_SERVER
                ? "each server once" : retry.attempts() + " tries") + " on " + retry.on()
                + (retry.within() == null ? "" : " within " + retry.within()));
    }
}
