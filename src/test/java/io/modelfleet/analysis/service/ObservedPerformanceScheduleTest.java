package io.modelfleet.analysis.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The recording interval: a duration, or 0 / off for no recording; nothing else starts. */
class ObservedPerformanceScheduleTest {

    @Test
    void zeroOrOffRecordNothingAndDurationsAreIntervals() {
        assertEquals(Optional.empty(), ObservedPerformanceSchedule.interval("0"));
        assertEquals(Optional.empty(), ObservedPerformanceSchedule.interval(" OFF "));
        assertEquals(Optional.empty(), ObservedPerformanceSchedule.interval("0s"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), ObservedPerformanceSchedule.interval("5m"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), ObservedPerformanceSchedule.interval("PT1M30S"));
    }

    @Test
    void anythingElseIsAStartupErrorNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObservedPerformanceSchedule.interval("soon"));
        assertEquals("modelfleet.analysis.observed.record-interval must be a duration (5m), 0 or off, was 'soon'",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ObservedPerformanceSchedule.interval("-5m"));
    }

    @Test
    void anIntervalOfMaxAgeOrMoreIsAStartupError() {
        ObservedPerformanceSchedule.checkedAgainstMaxAge(Duration.ofMinutes(5), Duration.ofHours(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObservedPerformanceSchedule.checkedAgainstMaxAge(Duration.ofHours(1), Duration.ofHours(1)));
        assertEquals("modelfleet.analysis.observed.record-interval (PT1H) must be shorter than"
                + " modelfleet.analysis.observed.max-age (PT1H)", e.getMessage());
    }
}
