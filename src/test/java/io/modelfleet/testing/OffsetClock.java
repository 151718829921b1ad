package io.modelfleet.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The rollout engine's clock in @QuarkusTest tests: real time plus an offset a test moves forward, so a deadline or a
 * lease runs out when the test says so instead of after a sleep.
 */
public final class OffsetClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void step(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
