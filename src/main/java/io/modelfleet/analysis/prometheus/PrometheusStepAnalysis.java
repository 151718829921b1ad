package io.modelfleet.analysis.prometheus;

import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.AnalysisTarget;
import io.modelfleet.analysis.domain.Check;
import io.modelfleet.analysis.domain.CheckEvaluator;
import io.modelfleet.analysis.domain.Checks;
import io.modelfleet.analysis.domain.Measurement;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryOutcome;
import io.modelfleet.analysis.domain.StepAnalysis;
import io.modelfleet.analysis.domain.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollout engine's {@link StepAnalysis}: renders the step's checks from its runtime's templates, sends them to
 * the cluster's Prometheus in parallel at one instant, and judges the answers ({@link CheckEvaluator}). A failed
 * query is that check's ERROR, never an exception. Queries are evaluated at the wall clock's now, since that is
 * the time Prometheus's samples carry, whatever clock the caller runs on.
 */
@ApplicationScoped
public class PrometheusStepAnalysis implements StepAnalysis {

    private final PrometheusClient client;
    private final Clock wallClock;

    @Inject
    public PrometheusStepAnalysis(PrometheusClient client) {
        this(client, Clock.systemUTC());
    }

    public PrometheusStepAnalysis(PrometheusClient client, Clock wallClock) {
        this.client = client;
        this.wallClock = wallClock;
    }

    @Override
    public List<Measurement> measure(MetricsSource source, AnalysisSettings settings, AnalysisTarget target) {
        Instant at = wallClock.instant();
        List<Check> checks;
        try {
            checks = Checks.forTarget(target, settings);
        } catch (IllegalArgumentException e) {
            // A name or window the templates cannot carry: nothing was asked, so nothing is known.
            return List.of(new Measurement(Check.REQUESTS, "", null, Verdict.ERROR, at, "cluster "
                    + target.cluster() + ": " + e.getMessage()));
        }
        List<QueryOutcome> outcomes = client.queryAll(target.cluster(), source,
                checks.stream().map(Check::query).toList(), at);
        List<CheckEvaluator.Observed> observed = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            observed.add(new CheckEvaluator.Observed(checks.get(i), outcomes.get(i)));
        }
        return CheckEvaluator.evaluate(target, settings, observed, at);
    }
}
