package io.modelfleet.fleet.service;

import io.modelfleet.api.Texts;
import io.modelfleet.api.Violations;
import io.modelfleet.fleet.domain.AnalysisKnobs;
import io.modelfleet.fleet.domain.PrometheusDuration;
import io.modelfleet.fleet.dto.DeploymentSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a deployment's {@code analysis} knobs against their bounds and fills in the defaults
 * ({@link AnalysisKnobs#DEFAULTS}); {@code window} defaults to the interval, at least one minute, so that a 15 s
 * scrape gives every rate two samples.
 */
final class AnalysisRules {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(5);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);
    static final Duration MAX_INITIAL_DELAY = Duration.ofHours(1);
    static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    static final Duration MAX_WINDOW = Duration.ofDays(1);
    static final int MAX_COUNT = 100;
    static final int MAX_LIMIT = 100;
    static final long MAX_MIN_REQUESTS = 1_000_000_000L;
    /** Longer than any duration within the bounds is written; longer text is refused before it is parsed. */
    private static final int MAX_DURATION_TEXT = 32;

    private AnalysisRules() {
    }

    /** Every knob, defaults filled in; problems go to {@code v} (the result is then meaningless). */
    static AnalysisKnobs normalize(Violations v, DeploymentSpec.Analysis analysis) {
        if (analysis == null) {
            return AnalysisKnobs.DEFAULTS;
        }
        AnalysisKnobs d = AnalysisKnobs.DEFAULTS;
        Duration interval = duration(v, "interval", analysis.interval(), MIN_INTERVAL, MAX_INTERVAL)
                .orElse(Duration.ofSeconds(30));
        Duration initialDelay = duration(v, "initialDelay", analysis.initialDelay(), Duration.ZERO, MAX_INITIAL_DELAY)
                .orElse(Duration.ZERO);
        Duration window = duration(v, "window", analysis.window(), MIN_WINDOW, MAX_WINDOW)
                .orElse(interval.compareTo(MIN_WINDOW) < 0 ? MIN_WINDOW : interval);
        v.rangeIfPresent("analysis.count", analysis.count(), 1, MAX_COUNT);
        v.rangeIfPresent("analysis.failureLimit", analysis.failureLimit(), 0, MAX_LIMIT);
        v.rangeIfPresent("analysis.inconclusiveLimit", analysis.inconclusiveLimit(), 0, MAX_LIMIT);
        v.rangeIfPresent("analysis.consecutiveErrorLimit", analysis.consecutiveErrorLimit(), 0, MAX_LIMIT);
        v.rangeIfPresent("analysis.minRequests", analysis.minRequests(), 0, MAX_MIN_REQUESTS);
        v.rangeIfPresent("analysis.maxErrorRatio", analysis.maxErrorRatio(), 0, 1);
        return new AnalysisKnobs(analysis.runtime(), PrometheusDuration.format(interval),
                or(analysis.count(), d.count()), PrometheusDuration.format(initialDelay),
                or(analysis.failureLimit(), d.failureLimit()), or(analysis.inconclusiveLimit(), d.inconclusiveLimit()),
                or(analysis.consecutiveErrorLimit(), d.consecutiveErrorLimit()),
                analysis.minRequests() == null ? d.minRequests() : analysis.minRequests(),
                analysis.maxErrorRatio() == null ? d.maxErrorRatio() : analysis.maxErrorRatio(),
                PrometheusDuration.format(window), analysis.errorRatio());
    }

    /** The knob's duration, empty when absent or wrong (then {@code v} says why). */
    private static Optional<Duration> duration(Violations v, String knob, String text, Duration min, Duration max) {
        String field = "analysis." + knob;
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        Optional<String> unstorable = Texts.problem(trimmed);
        if (unstorable.isPresent()) {
            v.add(field, unstorable.get());
            return Optional.empty();
        }
        if (trimmed.length() > MAX_DURATION_TEXT) {
            v.add(field, "must be at most " + MAX_DURATION_TEXT + " characters, was " + trimmed.length());
            return Optional.empty();
        }
        Optional<Duration> parsed = PrometheusDuration.parse(trimmed);
        if (parsed.isEmpty()) {
            v.add(field, "must be a Prometheus duration such as 30s, 5m or 1h, was '" + trimmed + "'");
            return Optional.empty();
        }
        if (parsed.get().compareTo(min) < 0 || parsed.get().compareTo(max) > 0) {
            v.add(field, "must be between " + PrometheusDuration.format(min) + " and " + PrometheusDuration.format(max)
                    + ", was " + trimmed);
            return Optional.empty();
        }
        return parsed;
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
