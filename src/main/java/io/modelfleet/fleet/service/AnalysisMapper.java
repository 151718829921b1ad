package io.modelfleet.fleet.service;

import io.modelfleet.fleet.domain.AnalysisKnobs;
import io.modelfleet.fleet.dto.ClusterSpec;
import io.modelfleet.fleet.dto.ClusterView;
import io.modelfleet.fleet.dto.DeploymentSpec;
import io.modelfleet.fleet.dto.DeploymentView;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.entity.ModelDeploymentEntity;

/** Entity ↔ DTO for the metrics source and the analysis knobs ({@link FleetMapper} calls these). */
final class AnalysisMapper {

    private AnalysisMapper() {
    }

    static ClusterView.Metrics metricsView(ClusterEntity e) {
        return e.metricsPrometheusUrl == null ? null
                : new ClusterView.Metrics(e.metricsPrometheusUrl, e.metricsCredentialsRef != null);
    }

    static ClusterSpec.Metrics metricsSpec(ClusterEntity e) {
        return e.metricsPrometheusUrl == null ? null
                : new ClusterSpec.Metrics(e.metricsPrometheusUrl, e.metricsCredentialsRef);
    }

    /** What applies to the deployment: its stored knobs, or every default for a row stored before V12. */
    static AnalysisKnobs knobs(ModelDeploymentEntity e) {
        return e.analysis == null ? AnalysisKnobs.DEFAULTS : e.analysis;
    }

    /** A normalized spec's knobs (every one filled in by {@link AnalysisRules}). */
    static AnalysisKnobs knobs(DeploymentSpec.Analysis a) {
        return new AnalysisKnobs(a.runtime(), a.interval(), a.count(), a.initialDelay(), a.failureLimit(),
                a.inconclusiveLimit(), a.consecutiveErrorLimit(), a.minRequests(), a.maxErrorRatio(), a.window(),
                a.errorRatio());
    }

    static DeploymentSpec.Analysis spec(AnalysisKnobs k) {
        return new DeploymentSpec.Analysis(k.runtime(), k.interval(), k.count(), k.initialDelay(), k.failureLimit(),
                k.inconclusiveLimit(), k.consecutiveErrorLimit(), k.minRequests(), k.maxErrorRatio(), k.window(),
                k.errorRatio());
    }

    static DeploymentView.Analysis view(AnalysisKnobs k) {
        return new DeploymentView.Analysis(k.runtime(), k.interval(), k.count(), k.initialDelay(), k.failureLimit(),
                k.inconclusiveLimit(), k.consecutiveErrorLimit(), k.minRequests(), k.maxErrorRatio(), k.window(),
                k.errorRatio());
    }
}
