package dev.gatewaystack.auth;

import dev.gatewaystack.auth.db.Database;
import dev.gatewaystack.auth.token.RevocationList;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aRevocationRememberedDuringAPollIsNeverLost() throws Exception {
        TestServers.Db db = TestServers.createDatabase();
        try (Database database = Database.start(Config.just(ConfigSources.create(Map.of(
                "url", db.url(), "user", db.user(), "password", db.password(), "pool", "2"))))) {
            RevocationList list = new RevocationList(database, Clock.systemUTC());
            Instant exp = Instant.now().plusSeconds(600);
            // A big map makes each poll's copy long enough for remember() calls to land inside it.
            for (int i = 0; i < 200_000; i++) {
                list.remember(List.of("bulk-" + i), exp);
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread poller = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    list.poll();
                }
            });
            int lost = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            for (int i = 0; System.nanoTime() < deadline; i++) {
                String jti = "new-" + i;
                list.remember(List.of(jti), exp);
                Thread.onSpinWait();
                if (!list.isRevoked(jti)) {
                    lost++;
                }
            }
            stop.set(true);
            poller.join();
            assertEquals(0, lost, "revocations remembered while a poll ran were dropped by its swap");
            assertTrue(list.isRevoked("bulk-0"), "the local entries survive polls");
        } finally {
            TestServers.dropDatabase(db);
        }
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
