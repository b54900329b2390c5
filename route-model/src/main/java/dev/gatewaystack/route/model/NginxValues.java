package dev.gatewaystack.route.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Durations, sizes and rates written the way nginx reads them, checked before they reach a config file.
 * Each check returns an error message (saying what a valid value looks like) or empty when the value is valid.
 */
public final class NginxValues {
    private static final Pattern DURATION = Pattern.compile("(?:[0-9]+(?:ms|s|m|h|d))+|0");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("[0-9]+[kKmMgG]?");
    private static final Pattern RATE = Pattern.compile("[1-9][0-9]*r/[sm]");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern QUERY_PARAM = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?");

    private NginxValues() {
    }

    public static Optional<String> checkDuration(String value) {
        return DURATION.matcher(value).matches() ? Optional.empty()
                : Optional.of("\"" + value + "\" is not a duration; write a number with a unit ms, s, m, h or d, "
                + "e.g. \"500ms\", \"30s\", \"1m30s\"");
    }

    public static Optional<String> checkSize(String value) {
        return SIZE.matcher(value).matches() ? Optional.empty()
                : Optional.of("\"" + value + "\" is not a size; write bytes or a number with k, m or g, e.g. \"64k\", \"10m\"");
    }

    public static Optional<String> checkRate(String value) {
        return RATE.matcher(value).matches() ? Optional.empty()
                : Optional.of("\"" + value + "\" is not a rate; write requests per second or minute, e.g. \"10r/s\", \"30r/m\"");
    }

    public static Optional<String> checkHeaderName(String value) {
        return HEADER_NAME.matcher(value).matches() ? Optional.empty()
                : Optional.of("\"" + value + "\" is not a header name; use letters, digits and '-', e.g. \"Accept-Language\"");
    }

    public static Optional<String> checkQueryParam(String value) {
        return QUERY_PARAM.matcher(value).matches() ? Optional.empty()
                : Optional.of("\"" + value + "\" is not a query parameter name nginx can read; use letters, digits and '_'");
    }

    public static Optional<String> checkOrigin(String value) {
        return value.equals("*") || ORIGIN.matcher(value).matches() ? Optional.empty()
                : Optional.of("\"" + value + "\" is not an origin; write scheme://host[:port] without a path, "
                + "e.g. \"https://app.example.com\", or \"*\"");
    }

    /** Milliseconds of a valid duration. */
    public static long durationMillis(String value) {
        if (value.equals("0")) {
            return 0;
        }
        long total = 0;
        var m = DURATION_PART.matcher(value);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 86_400_000;
            };
        }
        return total;
    }

    /** True for a valid duration of zero ("0", "0s", ...). */
    public static boolean isZero(String duration) {
        return durationMillis(duration) == 0;
    }
}
