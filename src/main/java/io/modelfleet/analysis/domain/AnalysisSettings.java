package io.modelfleet.analysis.domain;

import java.time.Duration;

/**
 * A deployment's analysis knobs (docs/designs/003-metric-analysis.md). {@code runtime} null means "choose from the
 * variant". {@code window} is the range rates and quantiles are taken over.
 */
public record AnalysisSettings(QueryRuntime runtime, Duration interval, int count, Duration initialDelay,
        int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit, long minRequests, double maxErrorRatio,
        Duration window, ErrorRatioPolicy errorRatio) {

    public AnalysisSettings {
        errorRatio = errorRatio == null ? ErrorRatioPolicy.REQUIRED : errorRatio;
    }

    /** Settings whose error ratio is REQUIRED. */
    public AnalysisSettings(QueryRuntime runtime, Duration interval, int count, Duration initialDelay,
            int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit, long minRequests, double maxErrorRatio,
            Duration window) {
        this(runtime, interval, count, initialDelay, failureLimit, inconclusiveLimit, consecutiveErrorLimit,
                minRequests, maxErrorRatio, window, ErrorRatioPolicy.REQUIRED);
    }

    /** The defaults of every knob, as DESIGN.md's API additions list them; the window is one minute. */
    public static final AnalysisSettings DEFAULTS = new AnalysisSettings(null, Duration.ofSeconds(30), 3,
            Duration.ZERO, 0, 1, 4, 50, 0.01, Duration.ofMinutes(1));
}
