package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.AuthSettings;
import io.helidon.http.SetCookie;

import java.time.Duration;
import java.time.Instant;

/** The service's cookies: the login CSRF cookie and the browser session used by the edge check. */
public final class Cookies {
    public static final String SESSION = "gs_session";
    public static final String LOGIN_CSRF = "gs_login_csrf";

    private Cookies() {
    }

    /** Only sent back to the login form, never cross-site. */
    public static SetCookie loginCsrf(AuthSettings s, String value, Duration maxAge) {
        return withAge(SetCookie.builder(LOGIN_CSRF, value).path("/auth/login").httpOnly(true).secure(s.secureCookies())
                .sameSite(SetCookie.SameSite.STRICT), maxAge);
    }

    /** Lax so a top-level navigation to an edge-authenticated page (an admin UI link) carries it. */
    public static SetCookie session(AuthSettings s, String value, Duration maxAge) {
        return withAge(SetCookie.builder(SESSION, value).path("/").httpOnly(true).secure(s.secureCookies())
                .sameSite(SetCookie.SameSite.LAX), maxAge);
    }

    /**
     * A zero max-age expires the cookie. Helidon writes no Max-Age attribute for a zero duration (the browser
     * would keep the emptied cookie for the whole browsing session), so an expiry in the past is set instead.
     */
    private static SetCookie withAge(SetCookie.Builder cookie, Duration maxAge) {
        if (maxAge.isZero() || maxAge.isNegative()) {
            return cookie.expires(Instant.EPOCH).build();
        }
        return cookie.maxAge(maxAge).build();
    }
}
