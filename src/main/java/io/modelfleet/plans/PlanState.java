package io.modelfleet.plans;

import io.modelfleet.planning.PlanResult.PlanStatus;

/**
 * A stored plan's status: the planner's OPTIMAL, FEASIBLE or INFEASIBLE once done, RUNNING while a job plans it,
 * FAILED when a job found nothing (cancelled early, an error, or its control plane died).
 */
public enum PlanState {
    RUNNING, OPTIMAL, FEASIBLE, INFEASIBLE, FAILED;

    public static PlanState of(PlanStatus status) {
        return valueOf(status.name());
    }

    /** Whether the plan holds a computed result (rollouts, diffs and upgrades need one). */
    public boolean finished() {
        return this != RUNNING && this != FAILED;
    }
}
