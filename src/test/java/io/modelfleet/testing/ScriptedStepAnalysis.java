package io.modelfleet.testing;

import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.AnalysisTarget;
import io.modelfleet.analysis.domain.Measurement;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.StepAnalysis;
import io.modelfleet.analysis.domain.Verdict;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link StepAnalysis} for engine tests (test sources only) that replays measurements a test scripted, one
 * scripted measurement per call, and records every call. It queries nothing: the real one is analysis-core's
 * PrometheusStepAnalysis. Running out of script is an {@link AssertionError}, which the engine does not swallow.
 */
public final class ScriptedStepAnalysis implements StepAnalysis {

    /** What one call was asked to measure. */
    public record Call(MetricsSource source, AnalysisSettings settings, AnalysisTarget target) {
    }

    private final Clock clock;
    private final Deque<List<Check>> script = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();

    /** One scripted check: its name, value and verdict (the query is made up from the name and the workload). */
    public record Check(String check, Double value, Verdict verdict, String detail) {
    }

    public ScriptedStepAnalysis(Clock clock) {
        this.clock = clock;
    }

    public static Check check(String name, Double value, Verdict verdict, String detail) {
        return new Check(name, value, verdict, detail);
    }

    /** The next measurement: p99, errorRatio and requests, all with this verdict and plausible values. */
    public synchronized ScriptedStepAnalysis then(Verdict verdict) {
        return then(switch (verdict) {
            case PASS -> List.of(check("p99", 12.0, Verdict.PASS, "p99 12.0 ms <= 50.0 ms"),
                    check("errorRatio", 0.0, Verdict.PASS, "0.0 <= 0.01"),
                    check("requests", 600.0, Verdict.PASS, "600 >= 50"));
            case FAIL -> List.of(check("p99", 80.0, Verdict.FAIL, "p99 80.0 ms > 50.0 ms"),
                    check("errorRatio", 0.0, Verdict.PASS, "0.0 <= 0.01"),
                    check("requests", 600.0, Verdict.PASS, "600 >= 50"));
            case INCONCLUSIVE -> List.of(check("p99", null, Verdict.INCONCLUSIVE, "no series"),
                    check("errorRatio", null, Verdict.INCONCLUSIVE, "no series"),
                    check("requests", null, Verdict.INCONCLUSIVE, "no series"));
            case ERROR -> List.of(check("p99", null, Verdict.ERROR, "connection refused"),
                    check("errorRatio", null, Verdict.ERROR, "connection refused"),
                    check("requests", null, Verdict.ERROR, "connection refused"));
            case NOT_APPLICABLE -> throw new IllegalArgumentException("a measurement is never NOT_APPLICABLE as a"
                    + " whole: script its checks with then(List)");
        });
    }

    public synchronized ScriptedStepAnalysis then(List<Check> checks) {
        script.add(List.copyOf(checks));
        return this;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized int remaining() {
        return script.size();
    }

    @Override
    public synchronized List<Measurement> measure(MetricsSource source, AnalysisSettings settings,
            AnalysisTarget target) {
        calls.add(new Call(source, settings, target));
        List<Check> next = script.poll();
        if (next == null) {
            throw new AssertionError("no scripted measurement left for " + target);
        }
        return next.stream().map(c -> new Measurement(c.check(), c.check() + "{namespace=\"" + target.namespace()
                + "\",workload=\"" + target.workload() + "\"}", c.value(), c.verdict(), clock.instant(), c.detail()))
                .toList();
    }
}
