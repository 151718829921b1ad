package io.modelfleet.planning;

/**
 * How far a plan is: units (clusters, or clusters one quota couples) solved of all, the cost and proven bound of
 * those solved so far (null before the first), their gap, and the phase. Reported by the planner as it goes.
 */
public record PlanProgress(int unitsSolved, int unitsTotal, Double bestCostUsd, Double boundUsd, Double gap,
        Phase phase) {

    public enum Phase { SOLVING, BASELINES, ALTERNATIVES }

    /** Receives progress; called from the planner's threads, so it must be quick and thread-safe. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = p -> { };

        void progress(PlanProgress progress);
    }

    public static PlanProgress starting(int unitsTotal) {
        return new PlanProgress(0, unitsTotal, null, null, null, Phase.SOLVING);
    }
}
