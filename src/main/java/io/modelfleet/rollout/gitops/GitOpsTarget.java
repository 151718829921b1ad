package io.modelfleet.rollout.gitops;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modelfleet.rollout.RolloutTarget;
import io.modelfleet.rollout.engine.ApplyResult;
import io.modelfleet.rollout.engine.ReasonCode;
import io.modelfleet.rollout.engine.TargetFailure;
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
    private final ClusterFolder cluster;

    public GitOpsTarget(GitOpsWriter writer, ClusterFolder cluster) {
        this.writer = writer;
        this.cluster = cluster;
    }

    @Override
    public Applied apply(HasMetadata object) {
        String before = writer.read(cluster, folder(object), object);
        if (before != null && !before.startsWith(GitOpsWriter.HEADER)) {
            throw TargetFailure.fatal(ReasonCode.OWNERSHIP_CONFLICT, object.getKind() + " "
                    + object.getMetadata().getName() + " in the GitOps folder of " + cluster.cluster()
                    + " was not written by ModelFleet (no header); ModelFleet does not overwrite it");
        }
        writer.upsert(cluster, folder(object), object);
        String after = writer.read(cluster, folder(object), object);
        ApplyResult result = before == null ? ApplyResult.CREATED
                : Objects.equals(before, after) ? ApplyResult.UNCHANGED : ApplyResult.PATCHED;
        return new Applied(result, 1);
    }

    /** A file ModelFleet did not write reads as an object without ModelFleet's labels, so it is never taken over. */
    @Override
    public Optional<HasMetadata> read(HasMetadata object) {
        String raw = writer.read(cluster, folder(object), object);
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
        return writer.find(cluster, folder(object), object);
    }

    @Override
    public ApplyResult delete(HasMetadata object) {
        if (writer.read(cluster, folder(object), object) == null) {
            return ApplyResult.ABSENT;
        }
        writer.remove(cluster, folder(object), object);
        return ApplyResult.DELETED;
    }

    @Override
    public Optional<WorkloadStatus> status(String namespace, String name) {
        return Optional.empty();
    }

    @Override
    public List<String> workloadsOf(String namespace, String deployment) {
        return writer.deploymentNames(cluster, deployment);
    }

    @Override
    public boolean observable() {
        return false;
    }

    private String folder(HasMetadata object) {
        String deployment = object.getMetadata().getLabels() == null ? null
                : object.getMetadata().getLabels().get("modelfleet.io/deployment");
        return deployment == null ? "_shared" : deployment;
    }
}
