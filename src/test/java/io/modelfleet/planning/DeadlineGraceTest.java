package io.modelfleet.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Design 004, I4: the planner's grace past a limit is min(1 s, 2% of the limit), for a share of it too. */
class DeadlineGraceTest {

    @Test
    void theGraceIsTwoPercentOfAShortLimitAndOneSecondAtMost() {
        assertEquals(40, Deadline.in(Duration.ofSeconds(2)).graceMillis());
        assertEquals(200, Deadline.in(Duration.ofSeconds(10)).graceMillis());
        assertEquals(1_000, Deadline.in(Duration.ofSeconds(50)).graceMillis());
        assertEquals(1_000, Deadline.in(Duration.ofSeconds(54)).graceMillis());
        assertEquals(200, Deadline.in(Duration.ofSeconds(10)).share(0.5).graceMillis());
        assertEquals(0, Deadline.in(Duration.ZERO).graceMillis());
    }
}
