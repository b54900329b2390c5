package dev.gatewaystack.auth;

import io.helidon.config.Config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The service's settings, read once from configuration (application.yaml, overridden by environment variables such
 * as AUTH_ISSUER or AUTH_TTL_ACCESS). Keys avoid dashes so every one maps to a plain environment variable name.
 */
public record AuthSettings(
        String issuer,
        String audience,
        String sessionAudience,
        Duration accessTtl,
        Duration idTtl,
        Duration refreshTtl,
        Duration codeTtl,
        Duration loginTtl,
        Duration sessionTtl,
        Duration keyRotation,
        Duration keyCheck,
        Duration revocationPoll,
        Duration clockSkew,
        boolean secureCookies,
        String spaClientId,
        List<String> spaRedirects,
        Set<String> spaScopes,
        int throttleThreshold,
        Duration throttleBase,
        Duration throttleMax,
        Duration throttleWindow,
        List<String> spaLogoutRedirects,
        List<String> trustedProxies,
        Duration purgeInterval) {

    public static AuthSettings from(Config config) {
        Config auth = config.get("auth");
        String issuer = auth.get("issuer").asString().orElse("https://localhost");
        if (issuer.endsWith("/")) {
            issuer = issuer.substring(0, issuer.length() - 1);
        }
        URI.create(issuer); // fail at start-up on a malformed issuer, not on the first request
        AuthSettings s = new AuthSettings(
                issuer,
                auth.get("audience").asString().orElse("gatewaystack-api"),
                auth.get("session.audience").asString().orElse("gatewaystack-session"),
                duration(auth, "ttl.access", "PT10M"),
                duration(auth, "ttl.id", "PT10M"),
                duration(auth, "ttl.refresh", "P14D"),
                duration(auth, "ttl.code", "PT1M"),
                duration(auth, "ttl.login", "PT10M"),
                duration(auth, "ttl.session", "PT1H"),
                duration(auth, "keys.rotation", "P30D"),
                duration(auth, "keys.check", "PT1M"),
                duration(auth, "revocation.poll", "PT2S"),
                duration(auth, "clock.skew", "PT30S"),
                auth.get("cookies.secure").asBoolean().orElse(true),
                auth.get("spa.client").asString().orElse("gatewaystack-spa"),
                list(auth.get("spa.redirects").asString().orElse("https://localhost/callback")),
                Set.copyOf(list(auth.get("spa.scopes").asString().orElse("openid profile email ledger"))),
                auth.get("throttle.threshold").asInt().orElse(5),
                duration(auth, "throttle.base", "PT1S"),
                duration(auth, "throttle.max", "PT15M"),
                duration(auth, "throttle.window", "PT15M"),
                list(auth.get("spa.logout.redirects").asString().orElse("https://localhost/")),
                // Peers whose X-Real-IP header is believed: the gateway sets it from $remote_addr. The default
                // is private and loopback ranges (the Compose network); nothing else can reach the service port.
                list(auth.get("proxy.trusted").asString().orElse(
                        "127.0.0.0/8 ::1/128 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7")),
                duration(auth, "purge.interval", "PT1M"));
        if (s.accessTtl.compareTo(Duration.ofMinutes(5)) < 0 || s.accessTtl.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalStateException("auth.ttl.access must be between PT5M and PT15M, is " + s.accessTtl);
        }
        return s;
    }

    /** Longest lifetime of anything signed: a retired key stays in the JWKS at least this long. */
    public Duration longestSignedLifetime() {
        return List.of(accessTtl, idTtl, sessionTtl).stream().max(Duration::compareTo).orElseThrow().plus(clockSkew);
    }

    private static Duration duration(Config config, String key, String fallback) {
        return Duration.parse(config.get(key).asString().orElse(fallback));
    }

    /** Comma- or space-separated values. */
    static List<String> list(String value) {
        return Arrays.stream(value.split("[,\\s]+")).map(String::trim).filter(v -> !v.isEmpty())
                .collect(Collectors.toList());
    }
}
