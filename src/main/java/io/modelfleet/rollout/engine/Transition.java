package io.modelfleet.rollout.engine;

import io.modelfleet.rollout.entity.RolloutStatus;
import java.time.Instant;

/** What the engine does next with a rollout, named: the output of {@link RolloutDecider#next}. */
public sealed interface Transition {

    /** A short name for logs and the crash-point matrix. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** A transition that acts on one step of one cluster. */
    sealed interface OnStep extends Transition {
        long clusterId();

        long stepId();

        /** Whether it belongs to a rollback (failures then never give up; they make the rollout ROLLBACK_FAILED). */
        default boolean rollback() {
            return false;
        }
    }

    /** Nothing to do: the rollout is paused or terminal. */
    record Idle() implements Transition {
    }

    /** Nothing to do before {@code until} (a retry's backoff). */
    record Wait(Instant until) implements Transition {
    }

    /** The cluster's wave begins. */
    record StartCluster(long clusterId) implements Transition {
    }

    /** Read what the step will change, check ModelFleet owns it, store it as the rollback point. */
    record Capture(long clusterId, long stepId) implements OnStep {
    }

    /** Server-side apply the step's objects. */
    record Apply(long clusterId, long stepId) implements OnStep {
    }

    /** Check the step's Deployment: pass, wait, or fail at the deadline. */
    record Gate(long clusterId, long stepId) implements OnStep {
    }

    /** Take the step's next measurement, commit it with the analysis's decision (docs/designs/003). */
    record Analyze(long clusterId, long stepId) implements OnStep {
    }

    /** Delete what the step retires (RETIRE: the deployment's other workloads; REMOVE: all of it). */
    record Retire(long clusterId, long stepId) implements OnStep {
    }

    /** All steps done: the cluster runs the plan. */
    record CompleteCluster(long clusterId) implements Transition {
    }

    /** Mark the step failed (if any) and the cluster ROLLING_BACK, before any rollback write. */
    record BeginRollback(long clusterId, Long failedStepId, ReasonCode code, String detail) implements Transition {
    }

    /** Re-apply what the step found before it changed anything. */
    record Restore(long clusterId, long stepId) implements OnStep {
        @Override
        public boolean rollback() {
            return true;
        }
    }

    /** Wait until the restored Deployments serve, then delete what the step created. */
    record GateRestore(long clusterId, long stepId) implements OnStep {
        @Override
        public boolean rollback() {
            return true;
        }
    }

    /** Every started step of the cluster is restored: the cluster is ROLLED_BACK and the rollout ends. */
    record CompleteRollback(long clusterId) implements Transition {
    }

    /** The rollout ends with this status; pending clusters and steps are skipped and the lock released. */
    record Finish(RolloutStatus status, ReasonCode code, String detail) implements Transition {
    }
}
