package io.modelfleet.fleet.domain;

import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.ErrorRatioPolicy;
import io.modelfleet.analysis.domain.QueryRuntime;

/**
 * A deployment's analysis knobs as stored (the {@code model_deployment.analysis} JSON) and shown: every knob filled
 * in, durations in canonical Prometheus form ({@link PrometheusDuration}), {@code runtime} null for "chosen from
 * the variant". The analysis itself works on {@link AnalysisSettings}; this is the same content in text form.
 */
public record AnalysisKnobs(QueryRuntime runtime, String interval, int count, String initialDelay, int failureLimit,
        int inconclusiveLimit, int consecutiveErrorLimit, long minRequests, double maxErrorRatio, String window,
        ErrorRatioPolicy errorRatio) {

    /** Knobs stored before {@code errorRatio} existed read as REQUIRED, what they meant then. */
    public AnalysisKnobs {
        errorRatio = errorRatio == null ? ErrorRatioPolicy.REQUIRED : errorRatio;
    }

    /** {@link AnalysisSettings#DEFAULTS} in this form. */
    public static final AnalysisKnobs DEFAULTS = of(AnalysisSettings.DEFAULTS);

    public static AnalysisKnobs of(AnalysisSettings s) {
        return new AnalysisKnobs(s.runtime(), PrometheusDuration.format(s.interval()), s.count(),
                PrometheusDuration.format(s.initialDelay()), s.failureLimit(), s.inconclusiveLimit(),
                s.consecutiveErrorLimit(), s.minRequests(), s.maxErrorRatio(), PrometheusDuration.format(s.window()),
                s.errorRatio());
    }

    /** The settings these knobs mean; they were checked when stored, so every duration parses. */
    public AnalysisSettings settings() {
        return new AnalysisSettings(runtime, duration("interval", interval), count,
                duration("initialDelay", initialDelay), failureLimit, inconclusiveLimit, consecutiveErrorLimit,
                minRequests, maxErrorRatio, duration("window", window), errorRatio);
    }

    private static java.time.Duration duration(String knob, String text) {
        return PrometheusDuration.parse(text).orElseThrow(() -> new IllegalStateException("stored analysis." + knob
                + " '" + text + "' is not a Prometheus duration"));
    }
}
