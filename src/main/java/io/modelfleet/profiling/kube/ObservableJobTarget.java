package io.modelfleet.profiling.kube;

import java.util.Optional;
import java.util.UUID;

/** A target that reports the Job it runs: a cluster's Kubernetes API. */
public interface ObservableJobTarget extends JobTarget {

    /** The Job as the cluster reports it, empty when it does not exist. */
    Optional<JobObservation> observe(String namespace, String name, UUID runId);

    /** The last lines of the load generator's log in {@code pod}. */
    String log(String namespace, String pod);
}
