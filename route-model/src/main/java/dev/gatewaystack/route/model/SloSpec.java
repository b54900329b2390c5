package dev.gatewaystack.route.model;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A route's SLO ({@code @Slo}): availability as written ({@code "99.9%"}), the latency threshold (a duration that
 * is one of {@link RouteMeters#LATENCY_BUCKETS_SECONDS}) and the share, in %, to answer within it.
 */
public record SloSpec(String availability, String latency, int percentile) {
    /** The availability objective as a fraction, e.g. 0.999. */
    public BigDecimal availabilityRatio() {
        return new BigDecimal(availability.substring(0, availability.length() - 1)).movePointLeft(2);
    }

    /** The latency threshold in seconds, e.g. 0.3. */
    public double latencySeconds() {
        return NginxValues.durationMillis(latency) / 1000.0;
    }

    /** Why {@code value} is not an availability objective ({@code 99.9%}: above 0 and below 100 %). */
    public static Optional<String> checkAvailability(String value) {
        if (value == null || !value.matches("[0-9]{1,2}(\\.[0-9]{1,4})?%")) {
            return Optional.of("\"" + value + "\" is not a percentage below 100 such as \"99.9%\"");
        }
        if (new BigDecimal(value.substring(0, value.length() - 1)).signum() == 0) {
            return Optional.of("an availability of 0% promises nothing; give a share such as \"99.9%\"");
        }
        return Optional.empty();
    }

    /** Why {@code value} is not a latency threshold: a duration equal to one of the histogram's bucket bounds. */
    public static Optional<String> checkLatency(String value) {
        Optional<String> duration = NginxValues.checkDuration(value);
        if (duration.isPresent()) {
            return duration;
        }
        double seconds = NginxValues.durationMillis(value) / 1000.0;
        if (RouteMeters.LATENCY_BUCKETS_SECONDS.stream().noneMatch(b -> Math.abs(b - seconds) < 1e-9)) {
            return Optional.of("\"" + value + "\" is not a bound of the latency histogram; use one of "
                    + RouteMeters.LATENCY_BUCKETS_SECONDS.stream().map(b -> Math.round(b * 1000) + "ms").toList());
        }
        return Optional.empty();
    }

    public static Optional<String> checkPercentile(int value) {
        return value >= 1 && value <= 99 ? Optional.empty()
                : Optional.of(value + " is not a percentile from 1 to 99");
    }
}
