package io.modelfleet.profiling.kube;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Where a profiling Job goes: a cluster's Kubernetes API ({@link ObservableJobTarget}, which also reports the Job),
 * or its GitOps folder, which only holds the manifest (results are posted back).
 */
public interface JobTarget {

    /** Applies the Job (or writes its manifest); doing it again with the same Job changes nothing. */
    void apply(Job job);

    /** Removes the Job with its pods (or its manifest); false when there was nothing to remove. */
    boolean delete(String namespace, String name);
}
