package io.modelfleet.planning;

import java.util.ArrayList;
import io.modelfleet.planning.solver.SwitchCost;
import java.util.List;

/**
 * Drops candidates that another candidate of the same pair beats on the same pool: no more replicas and no
 * larger replicas in any dimension. Any packing that uses the dominated one can swap in the dominating one and
 * stay feasible at the same cost, so pruning never changes the optimum; it only shrinks the model.
 */
final class Dominance {

    private Dominance() {
    }

    static List<Candidate> prune(List<Candidate> candidates) {
        return prune(candidates, SwitchCost.NONE);
    }

    /**
     * The same, where the dominating candidate must also cost no more switch cost (design 006, I2): keeping what
     * runs is never pruned in favour of another variant that would have to pay for the move.
     */
    static List<Candidate> prune(List<Candidate> candidates, SwitchCost switchCost) {
        List<Candidate> kept = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            boolean dominated = false;
            for (int j = 0; j < candidates.size() && !dominated; j++) {
                Candidate other = candidates.get(j);
                if (i != j && other.dominates(c) && pays(switchCost, other) <= pays(switchCost, c)
                        && (!c.dominates(other) || pays(switchCost, other) < pays(switchCost, c) || j < i)) {
                    dominated = true;
                }
            }
            if (!dominated) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static long pays(SwitchCost switchCost, Candidate c) {
        return switchCost.applies(c.pair()) && !switchCost.keeps(c) ? switchCost.micros() : 0;
    }
}
