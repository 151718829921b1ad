package io.modelfleet.analysis.domain;

import java.util.List;

/**
 * The rollout engine's one port to metrics: take one measurement of every check that applies to {@code target}
 * (p99, errorRatio, requests; availability for GITOPS), now. Never throws for a failed query: that check's verdict
 * is ERROR. Blocking, bounded by the client's timeout; called from the engine's worker thread.
 */
public interface StepAnalysis {

    List<Measurement> measure(MetricsSource source, AnalysisSettings settings, AnalysisTarget target);
}
