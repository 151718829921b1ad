package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.rollout.RolloutTarget;
import java.util.List;
import java.util.Optional;

/** A cluster reached through its Kubernetes API with the Fabric8 client. */
public final class KubernetesTarget implements RolloutTarget {

    public static final String FIELD_MANAGER = "modelfleet";

    private final KubernetesClient client;

    public KubernetesTarget(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public long apply(List<HasMetadata> objects) {
        long generation = 0;
        for (HasMetadata object : objects) {
            HasMetadata applied = client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts()
                    .serverSideApply();
            if (applied instanceof Deployment && applied.getMetadata().getGeneration() != null) {
                generation = applied.getMetadata().getGeneration();
            }
        }
        return generation;
    }

    @Override
    public Optional<HasMetadata> read(HasMetadata object) {
        return Optional.ofNullable(client.resource(object).get());
    }

    @Override
    public void delete(HasMetadata object) {
        client.resource(object).delete();
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
                s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas()));
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
