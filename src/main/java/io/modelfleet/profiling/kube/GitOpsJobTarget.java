package io.modelfleet.profiling.kube;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.modelfleet.rollout.gitops.ClusterFolder;
import io.modelfleet.rollout.gitops.GitOpsWriter;

/**
 * A profiling Job on a GitOps cluster: its manifest is written into the cluster's folder, in the subfolder
 * {@value #FOLDER} (a name no deployment can have, so it never mixes with a deployment's objects), and Argo CD or
 * Flux creates it. Nothing comes back from the cluster this way: results are posted to the run. The manifest is
 * removed when the run ends, so that a controller does not create the Job again after Kubernetes removed it.
 */
public final class GitOpsJobTarget implements JobTarget {

    public static final String FOLDER = "_profiling";

    private final GitOpsWriter writer;
    private final ClusterFolder cluster;

    public GitOpsJobTarget(GitOpsWriter writer, ClusterFolder cluster) {
        this.writer = writer;
        this.cluster = cluster;
    }

    @Override
    public void apply(Job job) {
        writer.upsert(cluster, FOLDER, job);
    }

    @Override
    public boolean delete(String namespace, String name) {
        Job ref = new JobBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata().build();
        if (writer.read(cluster, FOLDER, ref) == null) {
            return false;
        }
        writer.remove(cluster, FOLDER, ref);
        return true;
    }
}
