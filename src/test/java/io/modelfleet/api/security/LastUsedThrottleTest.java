package io.modelfleet.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.modelfleet.testing.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LastUsedThrottleTest {

    private static final Instant START = Instant.parse("2027-01-01T00:00:00Z");
    private final SteppedClock clock = new SteppedClock(START);
    private final LastUsedThrottle throttle = new LastUsedThrottle(clock);
    private final UUID token = UUID.randomUUID();

    @Test
    void aNeverUsedTokenIsWrittenAtOnceThenNotAgainWithinAMinute() {
        assertEquals(START, throttle.due(token, null));
        clock.step(Duration.ofSeconds(59));
        assertNull(throttle.due(token, null), "this process wrote 59 s ago");
        clock.step(Duration.ofSeconds(1));
        assertEquals(START.plusSeconds(60), throttle.due(token, START));
    }

    @Test
    void aValueAnotherReplicaWroteLessThanAMinuteAgoIsTrusted() {
        assertNull(throttle.due(token, START.minusSeconds(30)));
        assertEquals(START, throttle.due(UUID.randomUUID(), START.minusSeconds(60)));
    }

    @Test
    void concurrentUsesOfOneStaleTokenWriteOnce() throws InterruptedException {
        int[] writes = new int[1];
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 1000; j++) {
                    if (throttle.due(token, null) != null) {
                        synchronized (writes) {
                            writes[0]++;
                        }
                    }
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, writes[0]);
    }
}
