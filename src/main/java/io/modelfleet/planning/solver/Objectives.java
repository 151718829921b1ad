package io.modelfleet.planning.solver;

import io.modelfleet.planning.PlanningBounds;

/**
 * The weight of one unplaced pair in the objective, (unplaced pairs) x BIG + cost: BIG is one more than the
 * largest possible cost (every pool at its node bound), so placing one more pair always wins. The whole objective,
 * BIG x pairs + that cost, must stay below {@link PlanningBounds#MAX_OBJECTIVE}: CP-SAT refuses a model whose
 * objective could overflow 64 bits, and the answer would be wrong if it did.
 */
final class Objectives {

    private Objectives() {
    }

    /** BIG for pools with these prices (micro-dollars per node-hour) and node bounds; throws beyond the bound. */
    static long big(long[] priceMicros, long[] nodeBounds, int pairs) {
        return big(priceMicros, nodeBounds, pairs, 0);
    }

    /**
     * As above with switch costs of at most {@code switchTotal} in the objective: BIG exceeds the largest cost plus
     * every switch cost, so placing one more pair still always wins over keeping what runs.
     */
    static long big(long[] priceMicros, long[] nodeBounds, int pairs, long switchTotal) {
        long maxCost = switchTotal;
        for (int i = 0; i < priceMicros.length; i++) {
            maxCost = Math.addExact(maxCost, Math.multiplyExact(priceMicros[i], nodeBounds[i]));
        }
        long big = Math.addExact(maxCost, 1);
        long objective = Math.addExact(Math.multiplyExact(big, (long) pairs), maxCost);
        if (objective > PlanningBounds.MAX_OBJECTIVE) {
            throw new ArithmeticException("at most " + objective + " micro-dollars, above "
                    + PlanningBounds.MAX_OBJECTIVE);
        }
        return big;
    }
}
