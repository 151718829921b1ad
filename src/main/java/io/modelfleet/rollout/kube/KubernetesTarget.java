package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.rollout.RolloutTarget;
import io.modelfleet.rollout.engine.ApplyResult;
import io.modelfleet.rollout.engine.ReasonCode;
import io.modelfleet.rollout.engine.TargetFailure;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A cluster reached through its Kubernetes API with the Fabric8 client. */
public final class KubernetesTarget implements RolloutTarget {

    public static final String FIELD_MANAGER = "modelfleet";

    private final KubernetesClient client;

    public KubernetesTarget(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Forces conflicts only because the engine proved beforehand (its Capture step) that the object is absent or
     * ModelFleet's own: another field manager's edits of ModelFleet's fields are overwritten, foreign objects never.
     */
    @Override
    public Applied apply(HasMetadata object) {
        HasMetadata before = client.resource(object).get();
        String deployment = object.getMetadata().getLabels() == null ? null
                : object.getMetadata().getLabels().get(Ownership.DEPLOYMENT_LABEL);
        if (before != null && (deployment == null || !Ownership.ownedBy(before, deployment))) {
            // Checked again here: someone may have created the object since the step captured its rollback point.
            throw TargetFailure.fatal(ReasonCode.OWNERSHIP_CONFLICT, Ownership.conflict(before, deployment));
        }
        HasMetadata applied = client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        long generation = applied instanceof Deployment && applied.getMetadata().getGeneration() != null
                ? applied.getMetadata().getGeneration() : 0;
        ApplyResult result = before == null ? ApplyResult.CREATED
                : Objects.equals(before.getMetadata().getResourceVersion(), applied.getMetadata().getResourceVersion())
                        ? ApplyResult.UNCHANGED : ApplyResult.PATCHED;
        return new Applied(result, generation);
    }

    @Override
    public Optional<HasMetadata> read(HasMetadata object) {
        return Optional.ofNullable(client.resource(object).get());
    }

    @Override
    public ApplyResult delete(HasMetadata object) {
        var deleted = client.resource(object).delete();
        return deleted == null || deleted.isEmpty() ? ApplyResult.ABSENT : ApplyResult.DELETED;
    }

    @Override
    public Optional<WorkloadStatus> status(String namespace, String name) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null) {
            return Optional.empty();
        }
        var s = d.getStatus();
        return Optional.of(new WorkloadStatus(orZero(d.getMetadata().getGeneration()),
                s == null ? 0 : orZero(s.getObservedGeneration()),
                s == null || s.getReplicas() == null ? 0 : s.getReplicas(),
                s == null || s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas(),
                s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas(), Manifests.replicas(d)));
    }

    @Override
    public List<String> workloadsOf(String namespace, String deployment) {
        return client.apps().deployments().inNamespace(namespace)
                .withLabel("modelfleet.io/deployment", deployment)
                .withLabel("app.kubernetes.io/managed-by", ManifestRenderer.MANAGED_BY)
                .list().getItems().stream().map(d -> d.getMetadata().getName()).sorted().toList();
    }

    @Override
    public boolean observable() {
        return true;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
