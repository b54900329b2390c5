package dev.gatewaystack.api.web;

import dev.gatewaystack.api.http.JsonBodies;
import dev.gatewaystack.api.ledger.ReferenceData;
import dev.gatewaystack.route.Cache;
import dev.gatewaystack.route.HttpMethod;
import dev.gatewaystack.route.Route;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Locale;

/**
 * Public, caller-independent reference data: the gateway caches it (the only cached api-service route). The body is
 * built from records (Jackson writes their components in declaration order) and serialized once, so every replica
 * and every JVM serves the same bytes.
 */
public final class ReferenceDataHandler {
    /** One currency the ledger accepts. */
    record CurrencyEntry(String code, String name, int minorUnits) {
    }

    /** The answer: keys in this order. */
    record Body(List<CurrencyEntry> currencies, List<String> categories, long maxAbsAmountMinor) {
    }

    private final byte[] body;

    public ReferenceDataHandler() {
        List<CurrencyEntry> currencies = ReferenceData.currencies().stream()
                .map(c -> new CurrencyEntry(c.getCurrencyCode(), c.getDisplayName(Locale.ENGLISH),
                        c.getDefaultFractionDigits()))
                .toList();
        this.body = JsonBodies.bytes(new Body(currencies, ReferenceData.CATEGORIES, ReferenceData.MAX_ABS_AMOUNT_MINOR));
    }

    @Route(path = "/api/reference-data", methods = HttpMethod.GET)
    @Cache(success = "1h", staleOnError = true)
    public void referenceData(ServerRequest request, ServerResponse response) {
        response.header("Cache-Control", "public, max-age=3600");
        JsonBodies.sendBytes(response, Status.OK_200, body);
    }
}
