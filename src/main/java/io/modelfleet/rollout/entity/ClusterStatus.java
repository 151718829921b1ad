package io.modelfleet.rollout.entity;

/** One cluster within a rollout. */
public enum ClusterStatus {
    PENDING, IN_PROGRESS, SUCCEEDED, ROLLED_BACK, SKIPPED
}
