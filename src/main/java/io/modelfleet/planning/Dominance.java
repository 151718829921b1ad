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
     * The same, where the dominating candidate must also rank no worse (design 006, I2): keeping what runs is never
     * pruned in favour of another variant that would have to pay for the move, nor exactly what runs in favour of
     * another batch size that only packs alike.
     */
    static List<Candidate> prune(List<Candidate> candidates, SwitchCost switchCost) {
        List<Candidate> kept = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            boolean dominated = false;
            for (int j = 0; j < candidates.size() && !dominated; j++) {
                Candidate other = candidates.get(j);
                if (i != j && other.dominates(c) && rank(switchCost, other) <= rank(switchCost, c)
                        && (!c.dominates(other) || rank(switchCost, other) < rank(switchCost, c)
                                || winsTie(other, j, c, i))) {
                    dominated = true;
                }
            }
            if (!dominated) {
                kept.add(c);
            }
        }
        return kept;
    }

    /**
     * Lower is preferred between candidates that pack alike: first no switch cost, then exactly what runs (its
     * batch size too), so a tie never moves a running pair to another batch size: a restart of every replica for
     * nothing; then a measured row over an estimate (design 007), so a tie is never planned on an estimate.
     */
    private static long rank(SwitchCost switchCost, Candidate c) {
        long pays = switchCost.applies(c.pair()) && !switchCost.keeps(c) ? 1 : 0;
        long moves = switchCost.runsExactly(c) ? 0 : 1;
        long estimated = c.benchmark().estimated() ? 1 : 0;
        return pays * 4 + moves * 2 + estimated;
    }

    /**
     * Between two candidates that pack alike and rank alike, which is kept. Operating points of one variant, pool
     * and batch size (design 007, B3): the higher throughput, the most capacity for the same nodes, which is the
     * highest throughput whose p99 still meets the SLO. Otherwise the one listed first, as before operating points.
     */
    private static boolean winsTie(Candidate other, int j, Candidate c, int i) {
        boolean sameBatch = other.variant().id().equals(c.variant().id())
                && other.benchmark().batchSize() == c.benchmark().batchSize();
        double ahead = other.benchmark().throughputRps() - c.benchmark().throughputRps();
        return sameBatch && ahead != 0 ? ahead > 0 : j < i;
    }
}
