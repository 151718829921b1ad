package io.modelfleet.fleet.domain;

/** How ModelFleet reaches a cluster: a Kubernetes API server, or a GitOps directory that Argo CD/Flux syncs. */
public enum TargetType {
    KUBERNETES, GITOPS
}
