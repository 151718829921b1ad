package io.modelfleet.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * Where a cluster's objects go: a Kubernetes API server or a GitOps directory. Narrow on purpose, so the engine
 * reads as a state machine and the two kinds of target (and the tests' mock server) plug in the same way.
 */
public interface RolloutTarget {

    /** Server-side applies the objects (field manager {@code modelfleet}); returns the Deployment's generation. */
    long apply(List<HasMetadata> objects);

    /** The object as it is now, or empty if it does not exist. */
    Optional<HasMetadata> read(HasMetadata object);

    /** Deletes the object if it exists. */
    void delete(HasMetadata object);

    /** The rollout status of a Deployment, or empty if it does not exist. */
    Optional<WorkloadStatus> status(String namespace, String name);

    /** Names of the Deployments ModelFleet manages for a deployment in a namespace. */
    List<String> workloadsOf(String namespace, String deployment);

    /** Whether the gate can observe readiness (a GitOps directory cannot; Argo CD or Flux reports that). */
    boolean observable();

    /** What the Deployment's status says, as the gate needs it. */
    record WorkloadStatus(long generation, long observedGeneration, int replicas, int availableReplicas,
            int updatedReplicas) {
    }
}
