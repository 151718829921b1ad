package io.modelfleet.rollout.entity;

/**
 * One step: PENDING, CAPTURED (its rollback point is stored and ownership checked), APPLIED (waiting for its gate),
 * ANALYZING (the gate passed; measuring its metrics, when its cluster has a metrics source), DONE; or FAILED. In a rollback: ROLLING_BACK (what ran before is re-applied, waiting for it), ROLLED_BACK; SKIPPED
 * when never started.
 */
public enum StepStatus {
    PENDING, CAPTURED, APPLIED, ANALYZING, DONE, FAILED, ROLLING_BACK, ROLLED_BACK, SKIPPED
}
