package io.modelfleet.rollout.entity;

/** A rollout's life: RUNNING until every cluster is done, or a gate fails, or a user pauses or aborts it. */
public enum RolloutStatus {
    RUNNING, PAUSED, ABORTING, SUCCEEDED, FAILED, ABORTED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == ABORTED;
    }
}
