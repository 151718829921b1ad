package io.modelfleet.rollout.kube;

/**
 * A cluster target that cannot be reached as configured: an unknown context, a missing kubeconfig, credentials that
 * cannot be resolved. Never retried and never answered by falling back to another cluster.
 */
public class TargetConfigurationException extends RuntimeException {

    public TargetConfigurationException(String message) {
        super(message);
    }

    public TargetConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
