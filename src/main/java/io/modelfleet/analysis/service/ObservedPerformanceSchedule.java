package io.modelfleet.analysis.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs {@link ObservedPerformanceRecorder} every {@code modelfleet.analysis.observed.record-interval} (first one
 * interval after start) on a worker thread, skipping a run while the last one is still going; {@code 0} or
 * {@code off} schedules nothing. Replicas sharing a database all schedule it; the recorder's lock lets one record.
 */
@ApplicationScoped
public class ObservedPerformanceSchedule {

    private static final Logger LOG = Logger.getLogger(ObservedPerformanceSchedule.class);

    private final ObservedPerformanceRecorder recorder;
    private final Scheduler scheduler;
    private final ObservedConfig config;

    public ObservedPerformanceSchedule(ObservedPerformanceRecorder recorder, Scheduler scheduler,
            ObservedConfig config) {
        this.recorder = recorder;
        this.scheduler = scheduler;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        interval(config.recordInterval()).ifPresent(every -> checkedAgainstMaxAge(every, config.maxAge()));
        interval(config.recordInterval()).ifPresent(every -> scheduler.newJob("observed-performance")
                .setInterval(every.toString()).setDelayed(every.toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> run()).schedule());
    }

    private void run() {
        try {
            int written = recorder.recordAll();
            if (written > 0) {
                LOG.debugf("recorded %d OBSERVED benchmark rows", written);
            }
        } catch (RuntimeException e) {
            LOG.warnf("recording observed performance failed; the next run retries: %s", e.toString());
        }
    }

    /**
     * A row must outlive the pass that refreshes it: with an interval of max-age or more, plans would ignore every
     * row between passes and the "SLO at risk" flag would come and go. A startup error, like a malformed interval.
     */
    static void checkedAgainstMaxAge(Duration interval, Duration maxAge) {
        if (interval.compareTo(maxAge) >= 0) {
            throw new IllegalArgumentException("modelfleet.analysis.observed.record-interval (" + interval
                    + ") must be shorter than modelfleet.analysis.observed.max-age (" + maxAge + ")");
        }
    }

    /** The interval, or empty for {@code 0} / {@code off}; anything else that is no duration is a startup error. */
    static Optional<Duration> interval(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("off") || t.equals("0")) {
            return Optional.empty();
        }
        Duration d;
        try {
            d = DurationConverter.parseDuration(t);
        } catch (IllegalArgumentException e) {
            d = null;
        }
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("modelfleet.analysis.observed.record-interval must be a duration"
                    + " (5m), 0 or off, was '" + text + "'");
        }
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }
}
