package io.modelfleet.fleet.repository;

/**
 * A rollout that has not ended, as the fleet sees it: read from the rollout tables by SQL, so that the fleet does
 * not depend on the rollout package that depends on it.
 */
public record ActiveRollout(String id, String status) {

    /** The SQL condition on {@code rollout r} for "has not ended": every status but the terminal ones. */
    static final String NOT_ENDED = "r.status NOT IN ('SUCCEEDED', 'FAILED', 'ABORTED', 'ROLLED_BACK')";

    static ActiveRollout of(Object[] row) {
        return new ActiveRollout((String) row[0], (String) row[1]);
    }

    /** How a 409 names it: {@code <id> (RUNNING)}. */
    public String describe() {
        return id + " (" + status + ")";
    }
}
