package dev.gatewaystack.api.ledger;

/** SQL that renders a timestamptz column as an ISO-8601 UTC instant, so rows map to plain strings. */
final class Timestamps {
    private Timestamps() {
    }

    static String iso(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    }
}
