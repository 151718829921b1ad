package io.modelfleet.rollout;

import io.modelfleet.analysis.domain.AnalysisInputs;
import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.analysis.domain.RuntimeChoice;
import io.modelfleet.catalog.entity.VariantEntity;
import io.modelfleet.rollout.engine.AnalysisSnapshot;
import io.modelfleet.rollout.kube.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each UPSERT step of a new rollout is analyzed with, read once when the rollout is created (cluster/deployment
 * → snapshot; absent when the cluster names no metrics source). Blocking: {@link AnalysisInputs} must not be called
 * on an event-loop thread.
 */
final class AnalysisSnapshots {

    private AnalysisSnapshots() {
    }

    static String key(String cluster, String deployment) {
        return cluster + "/" + deployment;
    }

    static Map<String, AnalysisSnapshot> take(AnalysisInputs inputs, List<Workload> workloads,
            Map<String, VariantEntity> variants, Map<String, Double> p99LimitMs) {
        Map<String, Optional<MetricsSource>> sources = new HashMap<>();
        Map<String, AnalysisSettings> settings = new HashMap<>();
        Map<String, AnalysisSnapshot> out = new HashMap<>();
        for (Workload w : workloads) {
            Optional<MetricsSource> source = sources.computeIfAbsent(w.cluster(), inputs::metricsSource);
            if (source.isEmpty()) {
                continue;
            }
            AnalysisSettings s = settings.computeIfAbsent(w.deployment(), inputs::settings);
            VariantEntity v = variants.get(w.variantId());
            QueryRuntime runtime = RuntimeChoice.of(v == null ? null : v.image, v == null ? null : v.format,
                    s.runtime());
            Double p99 = p99LimitMs.get(w.deployment());
            if (p99 == null) {
                throw new IllegalStateException("the plan's snapshot has no SLO for deployment " + w.deployment());
            }
            out.put(key(w.cluster(), w.deployment()), new AnalysisSnapshot(source.get(), withRuntime(s, runtime), p99));
        }
        return out;
    }

    private static AnalysisSettings withRuntime(AnalysisSettings s, QueryRuntime runtime) {
        return new AnalysisSettings(runtime, s.interval(), s.count(), s.initialDelay(), s.failureLimit(),
                s.inconclusiveLimit(), s.consecutiveErrorLimit(), s.minRequests(), s.maxErrorRatio(), s.window());
    }
}
