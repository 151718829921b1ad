package io.modelfleet.analysis.domain;

/**
 * What one rollout step's analysis looks at: the ModelFleet deployment, the Kubernetes namespace and Deployment
 * (workload) the step wrote, the replicas it planned, whether the target is GITOPS (then availability comes from
 * kube-state-metrics), the runtime whose queries apply and the SLO's p99 limit in milliseconds.
 */
public record AnalysisTarget(String cluster, String deployment, String namespace, String workload,
        int plannedReplicas, boolean gitops, QueryRuntime runtime, double p99LimitMs) {
}
