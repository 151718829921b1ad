package io.modelfleet.fleet.domain;

/**
 * Where a cluster's desired objects go. KUBERNETES names a kube context or an API server URL, with credentials
 * only as a reference (a Secret or file the control plane reads when it connects); GITOPS names a directory,
 * by default one folder per cluster under the configured GitOps root.
 */
public record ClusterTarget(TargetType type, String context, String apiServer, String namespace,
        String credentialsRef, String directory) {

    /** The context that means the cluster the control plane itself runs in, reached with its own client. */
    public static final String IN_CLUSTER = "in-cluster";
}
