package dev.gatewaystack.api.web;

import dev.gatewaystack.api.http.JsonBodies;
import dev.gatewaystack.api.ledger.ReferenceData;
import dev.gatewaystack.route.Cache;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Route;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Public, caller-independent reference data: the gateway caches it (the only cached api-service route). */
public final class ReferenceDataHandler {
    private final Map<String, Object> body;

    public ReferenceDataHandler() {
        List<Map<String, Object>> currencies = ReferenceData.currencies().stream()
                .map(c -> Map.<String, Object>of("code", c.getCurrencyCode(), "name", c.getDisplayName(java.util.Locale.ENGLISH),
                        "minorUnits", c.getDefaultFractionDigits()))
                .toList();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("currencies", currencies);
        b.put("categories", ReferenceData.CATEGORIES);
        b.put("maxAbsAmountMinor", ReferenceData.MAX_ABS_AMOUNT_MINOR);
        this.body = Map.copyOf(b);
    }

    @Route(path = "/api/reference-data", methods = HttpMethod.GET)
    @Cache(success = "1h", staleOnError = true)
    public void referenceData(ServerRequest request, ServerResponse response) {
        response.header("Cache-Control", "public, max-age=3600");
        JsonBodies.ok(response, body);
    }
}
