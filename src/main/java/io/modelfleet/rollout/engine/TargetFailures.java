package io.modelfleet.rollout.engine;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelfleet.api.security.WithheldDetails;
import io.modelfleet.rollout.gitops.GitOpsDirectoryOwnedException;
import io.modelfleet.rollout.kube.TargetConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/** Turns whatever a target call threw into a {@link TargetFailure}, once, at the edge. */
public final class TargetFailures {

    private TargetFailures() {
    }

    public static TargetFailure classify(Throwable e) {
        if (e instanceof TargetFailure typed) {
            return typed;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TargetConfigurationException || t instanceof GitOpsDirectoryOwnedException) {
                return TargetFailure.fatal(ReasonCode.TARGET_MISCONFIGURED, t.getMessage(), e);
            }
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                return kubernetes(k);
            }
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof HttpTimeoutException) {
                // Reasons are shown to viewers; connection errors name internal hosts, addresses and ports.
                return TargetFailure.retryable(WithheldDetails.withhold("Kubernetes API unreachable", t), e);
            }
            if (t instanceof TimeoutException || t instanceof InterruptedException) {
                return TargetFailure.retryable(describe(t), e);
            }
        }
        if (e instanceof KubernetesClientException) {
            // Code 0: the request never got an HTTP answer (connection refused or reset, time-out).
            return TargetFailure.retryable(WithheldDetails.withhold("Kubernetes API unreachable", e), e);
        }
        return TargetFailure.fatal(ReasonCode.INTERNAL_ERROR, describe(e), e);
    }

    private static TargetFailure kubernetes(KubernetesClientException k) {
        int code = k.getCode();
        String detail = "Kubernetes API answered " + code + (k.getStatus() != null && k.getStatus().getMessage() != null
                ? " (" + WithheldDetails.scrub(k.getStatus().getMessage()) + ")" : "");
        if (code == 409 || code == 429 || code >= 500) {
            return TargetFailure.retryable(detail, k);
        }
        if (code == 401 || code == 403) {
            return TargetFailure.fatal(ReasonCode.TARGET_MISCONFIGURED, detail
                    + ": the cluster's credentials are missing, expired or lack permission", k);
        }
        return TargetFailure.fatal(ReasonCode.TARGET_REJECTED, detail, k);
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
