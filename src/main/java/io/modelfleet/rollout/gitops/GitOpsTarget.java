package io.modelfleet.rollout.gitops;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelfleet.rollout.RolloutTarget;
import java.util.List;
import java.util.Optional;

/**
 * A cluster synced by Argo CD or Flux from a directory: each deployment's objects live in
 * {@code <cluster directory>/<deployment>/}. Applying writes the files; the directory is the desired state, so
 * the gate passes once they are written (readiness is the GitOps controller's to report).
 */
public final class GitOpsTarget implements RolloutTarget {

    private final GitOpsWriter writer;
    private final String clusterDirectory;

    public GitOpsTarget(GitOpsWriter writer, String clusterDirectory) {
        this.writer = writer;
        this.clusterDirectory = clusterDirectory;
    }

    @Override
    public long apply(List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            writer.upsert(folder(object), object);
        }
        return 1;
    }

    @Override
    public Optional<HasMetadata> read(HasMetadata object) {
        return writer.find(folder(object), object);
    }

    @Override
    public void delete(HasMetadata object) {
        writer.remove(folder(object), object);
    }

    @Override
    public Optional<WorkloadStatus> status(String namespace, String name) {
        return Optional.empty();
    }

    @Override
    public List<String> workloadsOf(String namespace, String deployment) {
        return writer.deploymentNames(clusterDirectory + "/" + deployment);
    }

    @Override
    public boolean observable() {
        return false;
    }

    private String folder(HasMetadata object) {
        String deployment = object.getMetadata().getLabels() == null ? null
                : object.getMetadata().getLabels().get("modelfleet.io/deployment");
        return clusterDirectory + "/" + (deployment == null ? "_shared" : deployment);
    }
}
