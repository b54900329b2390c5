package dev.gatewaystack.auth;

import dev.gatewaystack.auth.token.RevocationList;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The in-memory revocation list that userinfo, edge auth and api-service (through /internal) rely on. */
class RevocationListTest {
    @Test
    void revocationsStayPublishedWhileOtherServicesMayStillAcceptTheToken() {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RevocationList list = new RevocationList(null, clock);
        Instant exp = clock.instant().plusSeconds(60);
        list.remember(List.of("jti-1"), exp);
        clock.now.set(exp.plusSeconds(30));
        assertEquals(Map.of("jti-1", exp), list.unexpired(),
                "api-service accepts a token up to 30 s after exp (clock skew): its revocation must still be served");
        clock.now.set(exp.plus(Duration.ofMinutes(5)).plusSeconds(1));
        assertEquals(Map.of(), list.unexpired(), "dropped once past the 5-minute grace");
    }

    private static final class MovableClock extends Clock {
        final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
