package io.modelfleet.plans;

import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.fleet.entity.ClusterEntity;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a rollout of the plan analyzes its steps on a cluster: only on clusters that name a metrics source. The
 * plan says so per cluster, so a person sees before rolling out which clusters are gated by metrics and which by
 * readiness alone (or, for GITOPS targets, not at all).
 */
record ClusterAnalysis(String cluster, boolean analyzed, String note) {

    static List<ClusterAnalysis> of(List<ClusterEntity> clusters) {
        return clusters.stream().sorted(Comparator.comparing(c -> c.name)).map(ClusterAnalysis::of).toList();
    }

    private static ClusterAnalysis of(ClusterEntity c) {
        if (c.metricsPrometheusUrl != null) {
            return new ClusterAnalysis(c.name, true, "steps are analyzed against the cluster's metrics source");
        }
        boolean gitops = c.target != null && c.target.type() == TargetType.GITOPS;
        return new ClusterAnalysis(c.name, false, "cluster " + c.name + " names no metrics source: its steps are"
                + (gitops ? " not gated (GITOPS: written, not observed)" : " gated by Kubernetes readiness only")
                + "; attach one with \"metrics\" on PUT /api/v1/clusters/" + c.name);
    }
}
