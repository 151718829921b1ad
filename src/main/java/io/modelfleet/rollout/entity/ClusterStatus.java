package io.modelfleet.rollout.entity;

/** One cluster within a rollout; ROLLING_BACK is stored before any rollback write, so no later wave can start. */
public enum ClusterStatus {
    PENDING, IN_PROGRESS, SUCCEEDED, ROLLING_BACK, ROLLED_BACK, SKIPPED
}
