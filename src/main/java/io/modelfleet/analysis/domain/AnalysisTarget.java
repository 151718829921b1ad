package io.modelfleet.analysis.domain;

/**
 * What one rollout step's analysis looks at: the ModelFleet deployment, the Kubernetes namespace and Deployment
 * (workload) the step wrote, the variant its pod template runs (the pods' {@code modelfleet.io/variant} label, so
 * a same-name upgrade measures the new pods only), the hash of the Deployment spec the step wrote (its {@code
 * modelfleet.io/spec-hash} label, which GITOPS availability matches in kube-state-metrics), the replicas it
 * planned, whether the target is GITOPS (then availability comes from kube-state-metrics), the runtime whose
 * queries apply and the SLO's p99 limit in ms.
 */
public record AnalysisTarget(String cluster, String deployment, String namespace, String workload, String variant,
        String specHash, int plannedReplicas, boolean gitops, QueryRuntime runtime, double p99LimitMs) {
}
