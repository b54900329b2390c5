package dev.gatewaystack.gateway.plan;

import dev.gatewaystack.route.model.NginxValues;

/** nginx sizes ({@code 64k}, {@code 10m}, {@code 0}) in bytes, to compare body limits. */
public final class Sizes {
    private Sizes() {
    }

    public static long bytes(String size) {
        if (NginxValues.checkSize(size).isPresent()) {
            throw new IllegalArgumentException(NginxValues.checkSize(size).get());
        }
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long factor = switch (unit) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1;
        };
        String digits = factor == 1 ? size : size.substring(0, size.length() - 1);
        return Long.parseLong(digits) * factor;
    }
}
