package io.modelfleet.rollout.engine;

/**
 * Why a rollout, cluster or step is where it is: a closed set a client can switch on, always shown with a detail in
 * words (the measured values, the object, the error).
 */
public enum ReasonCode {
    /** A cluster's wave started. */
    WAVE_STARTED,
    /** What the step will change was read and stored as the rollback point. */
    CAPTURED,
    /** The desired objects were applied; the gate waits for them. */
    APPLIED,
    /** The gate is waiting: not every replica is updated and available yet. */
    WAITING,
    /** The gate passed. */
    READY,
    /** The gate passed but the cluster had no metrics source when the rollout was created: the step is not analyzed. */
    NOT_ANALYZED,
    /** The gate passed; the step's metrics are being measured (docs/designs/003-metric-analysis.md). */
    ANALYZING,
    /** Enough measurements passed every check: the step is done. */
    ANALYSIS_PASSED,
    /** More measurements failed their limits than failureLimit allows: the cluster is rolled back. */
    ANALYSIS_FAILED,
    /** More consecutive measurements could not be taken than consecutiveErrorLimit allows: rolled back. */
    ANALYSIS_ERROR,
    /** Too many measurements had nothing to judge (no data, NaN, too few requests): the rollout is paused. */
    ANALYSIS_INCONCLUSIVE,
    /** The template rolled at the old replica count; now scaling to the planned count. */
    SCALING_DOWN,
    /** Other workloads of the deployment were deleted after the new one passed its gate. */
    RETIRED,
    /** Nothing else of the deployment was running. */
    NOTHING_TO_RETIRE,
    /** A GitOps target cannot report availability, so the old workload stays beside the new one until later. */
    KEPT_FOR_GITOPS,
    /** A retryable target error; another attempt follows. */
    RETRYING,
    /** The gate did not pass before the step's deadline. */
    GATE_TIMEOUT,
    /** A target error that no retry fixes (forbidden, invalid, missing namespace). */
    TARGET_REJECTED,
    /** Retryable target errors outlived the attempts. */
    RETRIES_EXHAUSTED,
    /** The target is misconfigured: unknown context, missing kubeconfig or credentials. */
    TARGET_MISCONFIGURED,
    /** The cluster no longer exists in the fleet. */
    CLUSTER_GONE,
    /** An object of the same name exists that ModelFleet did not create. */
    OWNERSHIP_CONFLICT,
    /** A failure inside ModelFleet itself. */
    INTERNAL_ERROR,
    /** The cluster's rollback started. */
    ROLLING_BACK,
    /** A step's objects were restored to what ran before. */
    RESTORED,
    /** Every started step of the cluster was restored. */
    ROLLED_BACK,
    /** The rollback cannot complete yet; it keeps retrying. */
    ROLLBACK_STUCK,
    /** The cluster runs the plan. */
    CLUSTER_DONE,
    /** Never started, because an earlier cluster failed or the rollout was aborted. */
    NOT_STARTED,
    /** Every cluster runs the plan. */
    SUCCEEDED,
    /** A user paused the rollout. */
    PAUSED,
    /** A user resumed the rollout. */
    RESUMED,
    /** A user asked to abort. */
    ABORT_REQUESTED,
    /** The rollout was aborted and the cluster in progress restored. */
    ABORTED,
    /** An admin ended the rollout by force. */
    FORCE_ENDED,
    /** The rollout was created. */
    CREATED
}
