package io.modelfleet.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelfleet.rollout.engine.ApplyResult;
import java.util.List;
import java.util.Optional;

/**
 * Where a cluster's objects go: a Kubernetes API server or a GitOps directory. Narrow on purpose, so the engine
 * reads as a state machine and the two kinds of target (and the tests' fake) plug in the same way. Calls throw
 * whatever the underlying client throws; the engine classifies it once ({@code TargetFailures}).
 */
public interface RolloutTarget {

    /** Server-side applies one object (field manager {@code modelfleet}); says what changed and, for a Deployment, its generation. */
    Applied apply(HasMetadata object);

    /** The object as it is now, or empty if it does not exist. */
    Optional<HasMetadata> read(HasMetadata object);

    /** Deletes the object; ABSENT when there was nothing to delete. */
    ApplyResult delete(HasMetadata object);

    /** The rollout status of a Deployment, or empty if it does not exist (or cannot be observed). */
    Optional<WorkloadStatus> status(String namespace, String name);

    /** Names of the Deployments ModelFleet manages for a deployment in a namespace. */
    List<String> workloadsOf(String namespace, String deployment);

    /** Whether the gate can observe readiness (a GitOps directory cannot; Argo CD or Flux reports that). */
    boolean observable();

    /** What an apply did, and the Deployment's generation after it (0 for other kinds). */
    record Applied(ApplyResult result, long generation) {
    }

    /** What the Deployment's status says, as the gate needs it, and its spec's replica count. */
    record WorkloadStatus(long generation, long observedGeneration, int replicas, int availableReplicas,
            int updatedReplicas, int specReplicas) {
    }
}
