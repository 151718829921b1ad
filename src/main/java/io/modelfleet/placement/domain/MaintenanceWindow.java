package io.modelfleet.placement.domain;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.modelfleet.fleet.domain.PrometheusDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When rollouts may disrupt a deployment: a window opens at every execution of {@code schedule}, a 5-field UNIX
 * cron (minute hour day-of-month month day-of-week) evaluated in UTC, and stays open for {@code duration}. A
 * window opened at t is open in [t, t + duration).
 */
public record MaintenanceWindow(String schedule, Duration duration) {

    /** A longer window is a schedule that is hardly a window; a week covers every weekly schedule. */
    public static final Duration MAX_DURATION = Duration.ofDays(7);

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    public MaintenanceWindow {
        scheduleProblem(schedule).ifPresent(problem -> {
            throw new IllegalArgumentException("schedule " + problem);
        });
        durationProblem(duration).ifPresent(problem -> {
            throw new IllegalArgumentException("duration " + problem);
        });
    }

    /** Why {@code schedule} is not a 5-field UNIX cron expression, in words; empty when it is one. */
    public static Optional<String> scheduleProblem(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            return Optional.of("must be a 5-field cron expression such as '0 2 * * *'");
        }
        try {
            com.cronutils.model.Cron cron = UNIX.parse(schedule).validate();
            // Valid yet never due ('0 0 30 2 *', February 30th) would be a window that never opens.
            if (com.cronutils.model.time.ExecutionTime.forCron(cron).nextExecution(ZonedDateTime.of(2000, 1, 1, 0, 0,
                    0, 0, ZoneOffset.UTC)).isEmpty()) {
                return Optional.of("must open at some time, but '" + schedule + "' names no date that exists");
            }
            return Optional.empty();
        } catch (IllegalArgumentException invalid) {
            return Optional.of("must be a 5-field cron expression (minute hour day-of-month month day-of-week) "
                    + "such as '0 2 * * *', was '" + schedule + "': " + invalid.getMessage());
        }
    }

    /** Why {@code duration} cannot be a window's length (not positive, or over {@link #MAX_DURATION}). */
    public static Optional<String> durationProblem(Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return Optional.of("must be positive, was " + (duration == null ? "absent" : format(duration)));
        }
        if (duration.compareTo(MAX_DURATION) > 0) {
            return Optional.of("must be at most " + format(MAX_DURATION) + ", was " + format(duration));
        }
        return Optional.empty();
    }

    /** Whether a window is open at {@code now}: the last opening at or before now plus the duration is after now. */
    public boolean isOpen(Instant now) {
        return lastOpening(now).map(opened -> opened.plus(duration).isAfter(now)).orElse(false);
    }

    /** The first opening at or after {@code now} (now itself when a window opens at this very instant). */
    public Instant nextOpening(Instant now) {
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        if (opensAt(at)) {
            return now;
        }
        return executions().nextExecution(at)
                .map(ZonedDateTime::toInstant)
                .orElseThrow(() -> new IllegalStateException("schedule '" + schedule + "' never runs again"));
    }

    /** {@code '0 2 * * *' (2h)}, as reasons show it. */
    @Override
    public String toString() {
        return "'" + schedule + "' (" + format(duration) + ")";
    }

    /**
     * cron-utils' lastExecution is strictly before its argument, so an opening exactly at now is checked first:
     * openings fall on whole minutes, so the only one at or before now that lastExecution can miss is now itself.
     */
    private Optional<Instant> lastOpening(Instant now) {
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        if (opensAt(at)) {
            return Optional.of(now);
        }
        return executions().lastExecution(at).map(ZonedDateTime::toInstant);
    }

    private boolean opensAt(ZonedDateTime at) {
        return at.truncatedTo(ChronoUnit.MINUTES).equals(at) && executions().isMatch(at);
    }

    private ExecutionTime executions() {
        Cron cron = UNIX.parse(schedule);
        return ExecutionTime.forCron(cron);
    }

    private static String format(Duration duration) {
        return duration.isNegative() ? "-" + PrometheusDuration.format(duration.negated())
                : PrometheusDuration.format(duration);
    }
}
