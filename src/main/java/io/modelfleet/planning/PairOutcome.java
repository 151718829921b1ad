package io.modelfleet.planning;

/**
 * What one evaluation says of one pair. {@code proposed} is the planner's choice with the switch cost (null: the
 * pair could not be placed). {@code kept} is keeping what runs at today's prices and demand (design 006, I5): the
 * same variant, pool and batch size with the replicas today's demand needs, packed with the rest of its unit; null
 * when nothing runs there, or when it cannot be kept ({@code keepInfeasible} says why). {@code optimal} is false
 * when the unit's solve was not proven optimal, in which case nothing should be proposed from it.
 */
public record PairOutcome(String deployment, String cluster, Choice proposed, Choice kept, String keepInfeasible,
        boolean optimal) {

    /** Whether something runs on this pair now (kept or not). */
    public boolean running() {
        return kept != null || keepInfeasible != null;
    }

    /** Whether the proposal runs another workload than what runs now, or places a pair nothing runs on. */
    public boolean changes() {
        if (!running()) {
            return proposed != null;
        }
        return kept == null || proposed == null || !proposed.sameWorkload(kept)
                || proposed.replicas() != kept.replicas() || proposed.batchSize() != kept.batchSize();
    }
}
