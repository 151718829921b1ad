package io.modelfleet.rollout.engine;

/** What one write did to one object on a target (Strimzi's ReconcileResult, with ABSENT for deletes of nothing). */
public enum ApplyResult {
    CREATED, PATCHED, UNCHANGED, DELETED, ABSENT;

    /** Whether the write changed the target. */
    public boolean changed() {
        return this == CREATED || this == PATCHED || this == DELETED;
    }
}
