package io.modelfleet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.modelfleet.testing.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scrape cache of the fleet figures, on a clock the test steps. */
class CachedValueTest {

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-02T08:00:00Z"));
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void scrapesWithinTheTtlShareOneReadAndTheFirstAfterItReadsAgain() {
        CachedValue<Integer> cached = new CachedValue<>(loads::incrementAndGet, Duration.ofSeconds(15), clock);
        assertEquals(1, cached.get());
        clock.step(Duration.ofSeconds(14));
        assertEquals(1, cached.get(), "14 s later: the same read");
        assertEquals(1, loads.get());
        clock.step(Duration.ofSeconds(1));
        assertEquals(2, cached.get(), "15 s after the read: read again");
        assertEquals(2, cached.last());
    }

    @Test
    void aZeroTtlReadsOnEveryScrape() {
        CachedValue<Integer> cached = new CachedValue<>(loads::incrementAndGet, Duration.ZERO, clock);
        assertEquals(1, cached.get());
        assertEquals(2, cached.get());
    }

    @Test
    void aFailedReadKeepsTheLastFiguresAndTheNextScrapeTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        CachedValue<Integer> cached = new CachedValue<>(() -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("PostgreSQL restarting");
            }
            return calls.get();
        }, Duration.ofSeconds(15), clock);
        assertEquals(1, cached.get());
        clock.step(Duration.ofSeconds(15));
        assertEquals(1, cached.get(), "the failed read shows the last figures");
        assertEquals(3, cached.get(), "and is not cached: the next scrape reads");
    }

    @Test
    void beforeAnyReadSucceededThereIsNothingToShow() {
        CachedValue<Integer> cached = new CachedValue<>(() -> {
            throw new IllegalStateException("down");
        }, Duration.ofSeconds(15), clock);
        assertNull(cached.get());
        assertNull(cached.last());
    }
}
