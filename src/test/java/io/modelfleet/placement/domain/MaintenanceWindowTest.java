package io.modelfleet.placement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** I9: the maintenance window, a UTC cron plus a duration, open in [opening, opening + duration). */
class MaintenanceWindowTest {

    private static final MaintenanceWindow NIGHTLY = new MaintenanceWindow("0 2 * * *", Duration.ofHours(2));

    @Test
    @DisplayName("I9: a nightly 02:00 window of 2h is open inside it and closed before it")
    void openInsideClosedBefore() {
        assertTrue(NIGHTLY.isOpen(Instant.parse("2026-12-03T03:00:00Z")));
        assertTrue(NIGHTLY.isOpen(Instant.parse("2026-12-03T03:59:59.999Z")));
        assertFalse(NIGHTLY.isOpen(Instant.parse("2026-12-03T01:59:59.999Z")));
        assertFalse(NIGHTLY.isOpen(Instant.parse("2026-12-03T12:00:00Z")));
    }

    @Test
    @DisplayName("I9: an opening exactly at now counts: the window is open at its opening minute")
    void openAtTheOpeningInstant() {
        assertTrue(NIGHTLY.isOpen(Instant.parse("2026-12-03T02:00:00Z")));
        assertTrue(NIGHTLY.isOpen(Instant.parse("2026-12-03T02:00:30Z")));
        assertEquals(Instant.parse("2026-12-03T02:00:00Z"), NIGHTLY.nextOpening(Instant.parse("2026-12-03T02:00:00Z")));
    }

    @Test
    @DisplayName("I9: the window is closed at its end instant (half-open interval)")
    void closedAtTheEnd() {
        assertFalse(NIGHTLY.isOpen(Instant.parse("2026-12-03T04:00:00Z")));
        assertEquals(Instant.parse("2026-12-04T02:00:00Z"), NIGHTLY.nextOpening(Instant.parse("2026-12-03T04:00:00Z")));
        assertEquals(Instant.parse("2026-12-03T02:00:00Z"),
                NIGHTLY.nextOpening(Instant.parse("2026-12-03T01:59:59Z")));
    }

    @Test
    @DisplayName("I9: a window opened at 23:00 for 3h stays open across midnight until 02:00")
    void acrossMidnight() {
        MaintenanceWindow late = new MaintenanceWindow("0 23 * * *", Duration.ofHours(3));
        assertTrue(late.isOpen(Instant.parse("2026-12-03T23:00:00Z")));
        assertTrue(late.isOpen(Instant.parse("2026-12-04T00:00:00Z")));
        assertTrue(late.isOpen(Instant.parse("2026-12-04T01:59:59Z")));
        assertFalse(late.isOpen(Instant.parse("2026-12-04T02:00:00Z")));
        assertFalse(late.isOpen(Instant.parse("2026-12-03T22:59:59Z")));
    }

    @Test
    @DisplayName("I9: a weekdays-only window is closed on Saturday and next opens on Monday (UTC)")
    void weekdaysOnly() {
        MaintenanceWindow weekdays = new MaintenanceWindow("0 2 * * 1-5", Duration.ofHours(2));
        // 2026-12-04 is a Friday, 2026-12-05 a Saturday, 2026-12-07 a Monday.
        assertTrue(weekdays.isOpen(Instant.parse("2026-12-04T03:00:00Z")));
        assertFalse(weekdays.isOpen(Instant.parse("2026-12-05T03:00:00Z")));
        assertFalse(weekdays.isOpen(Instant.parse("2026-12-06T02:30:00Z")));
        assertEquals(Instant.parse("2026-12-07T02:00:00Z"),
                weekdays.nextOpening(Instant.parse("2026-12-05T03:00:00Z")));
    }

    @Test
    @DisplayName("I9: a window longer than the schedule's period is always open")
    void overlappingWindows() {
        MaintenanceWindow hourly = new MaintenanceWindow("0 * * * *", Duration.ofMinutes(90));
        assertTrue(hourly.isOpen(Instant.parse("2026-12-03T05:59:59Z")));
        assertTrue(hourly.isOpen(Instant.parse("2026-12-03T06:00:00Z")));
    }

    @Test
    @DisplayName("I9: a cron that is not 5-field UNIX is refused, saying so")
    void invalidCron() {
        for (String bad : new String[] {"0 2 * *", "0 0 2 * * *", "61 * * * *", "0 25 * * *", "every night", ""}) {
            Optional<String> problem = MaintenanceWindow.scheduleProblem(bad);
            assertTrue(problem.isPresent(), bad);
            assertTrue(problem.get().startsWith("must be a 5-field cron expression"), problem.get());
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> new MaintenanceWindow(bad, Duration.ofHours(1)));
            assertTrue(thrown.getMessage().startsWith("schedule must be a 5-field cron expression"), thrown.getMessage());
        }
        assertEquals(Optional.empty(), MaintenanceWindow.scheduleProblem("*/15 1-3 * * mon-fri"));
    }

    @Test
    @DisplayName("I9: a duration that is not positive or exceeds 7 days is refused, saying so")
    void invalidDuration() {
        assertEquals(Optional.of("must be positive, was 0s"), MaintenanceWindow.durationProblem(Duration.ZERO));
        assertEquals(Optional.of("must be positive, was -1h"),
                MaintenanceWindow.durationProblem(Duration.ofHours(-1)));
        assertEquals(Optional.of("must be at most 7d, was 7d1s"),
                MaintenanceWindow.durationProblem(Duration.ofDays(7).plusSeconds(1)));
        assertEquals(Optional.empty(), MaintenanceWindow.durationProblem(Duration.ofDays(7)));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new MaintenanceWindow("0 2 * * *", Duration.ZERO));
        assertEquals("duration must be positive, was 0s", thrown.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aScheduleThatNamesNoRealDateIsRefused() {
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.of("must open at some time, but '0 0 30 2 *'"
                + " names no date that exists"), MaintenanceWindow.scheduleProblem("0 0 30 2 *"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.empty(),
                MaintenanceWindow.scheduleProblem("0 0 29 2 *"), "leap days exist");
    }
}
