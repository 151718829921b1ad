package io.modelfleet.rollout.entity;

/**
 * One step: PENDING, CAPTURED (its rollback point is stored and ownership checked), APPLIED (waiting for its gate),
 * DONE; or FAILED. In a rollback: ROLLING_BACK (what ran before is re-applied, waiting for it), ROLLED_BACK; SKIPPED
 * when never started.
 */
public enum StepStatus {
    PENDING, CAPTURED, APPLIED, DONE, FAILED, ROLLING_BACK, ROLLED_BACK, SKIPPED
}
