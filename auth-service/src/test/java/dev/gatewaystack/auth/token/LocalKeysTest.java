package dev.gatewaystack.auth.token;

import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LocalKeysTest {
    private static final int THREADS = 8;

    /** Requests carrying an unknown kid at the same moment (a rotation on another replica) cost one reload. */
    @Test
    void concurrentUnknownKidsReloadOnce() throws Exception {
        AtomicInteger reloads = new AtomicInteger();
        // Every caller reads the clock before any of them goes on: the moment a check-then-set would race.
        CyclicBarrier together = new CyclicBarrier(THREADS);
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                try {
                    together.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return Instant.parse("2026-01-01T00:00:00Z");
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        LocalKeys keys = new LocalKeys(JWKSet::new, reloads::incrementAndGet, clock);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threads.add(Thread.ofPlatform().start(() -> assertNull(keys.byKid("unknown-kid"))));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, reloads.get());
    }
}
