package io.modelfleet.rollout.entity;

/** One step: PENDING, then WAITING for its gate after applying, then DONE; or FAILED and ROLLED_BACK. */
public enum StepStatus {
    PENDING, WAITING, DONE, FAILED, ROLLED_BACK, SKIPPED
}
