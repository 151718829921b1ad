package io.modelfleet.rollout.gitops;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modelfleet.rollout.RolloutTarget;
import io.modelfleet.rollout.engine.ApplyResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cluster synced by Argo CD or Flux from a directory: each deployment's objects live in
 * {@code <cluster directory>/<deployment>/}. Applying writes the files; the directory is the desired state, so
 * readiness is the GitOps controller's to report ({@link #observable()} is false).
 */
public final class GitOpsTarget implements RolloutTarget {

    private final GitOpsWriter writer;
    private final String clusterDirectory;

    public GitOpsTarget(GitOpsWriter writer, String clusterDirectory) {
        this.writer = writer;
        this.clusterDirectory = clusterDirectory;
    }

    @Override
    public Applied apply(HasMetadata object) {
        String before = writer.read(folder(object), object);
        writer.upsert(folder(object), object);
        String after = writer.read(folder(object), object);
        ApplyResult result = before == null ? ApplyResult.CREATED
                : Objects.equals(before, after) ? ApplyResult.UNCHANGED : ApplyResult.PATCHED;
        return new Applied(result, 1);
    }

    /** A file ModelFleet did not write reads as an object without ModelFleet's labels, so it is never taken over. */
    @Override
    public Optional<HasMetadata> read(HasMetadata object) {
        String raw = writer.read(folder(object), object);
        if (raw == null) {
            return Optional.empty();
        }
        if (!raw.startsWith(GitOpsWriter.HEADER)) {
            GenericKubernetesResource foreign = new GenericKubernetesResource();
            foreign.setKind(object.getKind());
            foreign.setApiVersion(object.getApiVersion());
            foreign.setMetadata(new ObjectMetaBuilder().withName(object.getMetadata().getName())
                    .withNamespace(object.getMetadata().getNamespace()).build());
            return Optional.of(foreign);
        }
        return writer.find(folder(object), object);
    }

    @Override
    public ApplyResult delete(HasMetadata object) {
        if (writer.read(folder(object), object) == null) {
            return ApplyResult.ABSENT;
        }
        writer.remove(folder(object), object);
        return ApplyResult.DELETED;
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
