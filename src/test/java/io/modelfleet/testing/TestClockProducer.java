package io.modelfleet.testing;

import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Replaces the engine's system clock (a @DefaultBean) in every @QuarkusTest with one tests can step. */
@Singleton
public class TestClockProducer {

    private static final OffsetClock CLOCK = new OffsetClock();

    @Produces
    @Singleton
    @Typed(OffsetClock.class)
    OffsetClock offsetClock() {
        return CLOCK;
    }

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
