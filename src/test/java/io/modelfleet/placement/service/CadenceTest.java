package io.modelfleet.placement.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the loop evaluates (design 006, "Evaluations"): the interval, or triggers after the minimum gap. */
class CadenceTest {

    private static final Instant LAST = Instant.parse("2026-12-03T06:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Duration MIN_GAP = Duration.ofSeconds(10);

    private static Optional<String> due(Instant last, long triggers, Duration since) {
        return Cadence.due(last, triggers, LAST.plus(since), INTERVAL, MIN_GAP);
    }

    @Test
    void aFleetNeverEvaluatedIsDueAtOnce() {
        assertEquals(Optional.of("first evaluation"), due(null, 0, Duration.ZERO));
    }

    @Test
    void withoutTriggersOnlyTheIntervalMakesItDue() {
        assertEquals(Optional.empty(), due(LAST, 0, INTERVAL.minusMillis(1)));
        assertEquals(Optional.of("interval of PT5M passed"), due(LAST, 0, INTERVAL));
    }

    @Test
    void triggersMakeItDueOnceTheMinimumGapHasPassed() {
        assertEquals(Optional.empty(), due(LAST, 3, MIN_GAP.minusMillis(1)));
        assertEquals(Optional.of("3 triggers"), due(LAST, 3, MIN_GAP));
        assertEquals(Optional.of("1 trigger"), due(LAST, 1, Duration.ofMinutes(1)));
    }

    @Test
    void theIntervalNamesTheCauseEvenWithTriggersWaiting() {
        assertEquals(Optional.of("interval of PT5M passed"), due(LAST, 2, Duration.ofMinutes(6)));
    }
}
