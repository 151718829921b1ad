package io.modelfleet.planning.solver;

import io.modelfleet.planning.Candidate;
import io.modelfleet.planning.Pair;
import io.modelfleet.planning.snapshot.Running;
import java.util.Map;

/**
 * What moving a pair away from what it runs costs in the objective (design 006, I2): {@code micros} per pair that
 * does not keep its running choice (the same variant on the same pool; a new replica count or batch size is a
 * scale, not a switch). Pairs with nothing running, or whose running choice is at risk, move for free.
 */
public record SwitchCost(long micros, Map<Pair, Running> running) {

    public static final SwitchCost NONE = new SwitchCost(0, Map.of());

    public SwitchCost {
        running = Map.copyOf(running);
    }

    /** Whether this pair pays for leaving what it runs. */
    public boolean applies(Pair pair) {
        Running r = running.get(pair);
        return micros > 0 && r != null && !r.atRisk();
    }

    /** Whether the candidate keeps what its pair runs. */
    public boolean keeps(Candidate c) {
        Running r = running.get(c.pair());
        return r != null && keeps(c, r);
    }

    /** Whether the candidate is exactly what runs: its workload at its batch size (when that is known). */
    public boolean runsExactly(Candidate c) {
        Running r = running.get(c.pair());
        return r != null && keeps(c, r) && r.batchSize() == c.benchmark().batchSize();
    }

    public static boolean keeps(Candidate c, Running r) {
        return c.variant().id().equals(r.variantId()) && c.pool().name().equals(r.pool());
    }

    /** The most the switch costs can add to one unit's objective. */
    long total(java.util.List<Pair> pairs) {
        return Math.multiplyExact(micros, pairs.stream().filter(this::applies).count());
    }
}
