package io.modelfleet.profiling.kube;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;
import java.util.UUID;

/** Where a profiling Job goes: a cluster's Kubernetes API, or its GitOps folder. */
public interface JobTarget {

    /** Applies the Job (or writes its manifest); doing it again with the same Job changes nothing. */
    void apply(Job job);

    /** Whether the target reports the Job's progress; a GitOps folder does not (results are posted back). */
    boolean observable();

    /** The Job as the cluster reports it, empty when it does not exist; only for observable targets. */
    Optional<JobObservation> observe(String namespace, String name, UUID runId);

    /** The last lines of the load generator's log in {@code pod}; only for observable targets. */
    String log(String namespace, String pod);

    /** Removes the Job with its pods (or its manifest); false when there was nothing to remove. */
    boolean delete(String namespace, String name);
}
