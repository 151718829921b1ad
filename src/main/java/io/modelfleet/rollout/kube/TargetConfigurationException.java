package io.modelfleet.rollout.kube;

/**
 * A cluster's KUBERNETES target cannot be reached as configured: its kubeconfig, context, cluster or user entry,
 * or its credentials reference is missing or unusable. Retrying does not help, so the rollout engine treats it
 * as a fatal target failure; the message names the cluster and the thing at fault, never a token.
 */
public class TargetConfigurationException extends RuntimeException {

    private final String cluster;

    public TargetConfigurationException(String cluster, String problem) {
        this(cluster, problem, null);
    }

    public TargetConfigurationException(String cluster, String problem, Throwable cause) {
        super("cluster " + cluster + ": " + problem, cause);
        this.cluster = cluster;
    }

    public String cluster() {
        return cluster;
    }
}
