package io.modelfleet.rollout.entity;

/**
 * A rollout's life (docs/designs/001-rollout-engine.md). RUNNING until every cluster is done, a step fails (its
 * cluster is rolled back: ROLLED_BACK) or a user aborts (ABORTING, then ABORTED). ROLLBACK_FAILED is a rollback that
 * cannot complete yet: it keeps retrying and keeps the lock until it completes or an admin force-ends it (FAILED).
 */
public enum RolloutStatus {
    RUNNING, PAUSED, ABORTING, ROLLBACK_FAILED, SUCCEEDED, ROLLED_BACK, ABORTED, FAILED;

    public boolean terminal() {
        return this == SUCCEEDED || this == ROLLED_BACK || this == ABORTED || this == FAILED;
    }
}
