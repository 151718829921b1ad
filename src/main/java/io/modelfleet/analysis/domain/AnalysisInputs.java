package io.modelfleet.analysis.domain;

import java.util.Optional;

/** What a rollout needs to analyze a step: the cluster's metrics source and the deployment's knobs. */
public interface AnalysisInputs {

    /** The cluster's metrics source, or empty when it names none (then steps are not analyzed). */
    Optional<MetricsSource> metricsSource(String cluster);

    /** The deployment's analysis settings with defaults filled in; DEFAULTS when it sets none. */
    AnalysisSettings settings(String deployment);
}
