package io.modelfleet.planning.solver;

import io.modelfleet.planning.Candidate;
import io.modelfleet.planning.Pair;
import io.modelfleet.planning.snapshot.Cluster.NodePool;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Resources;
import java.util.List;
import java.util.Map;

/**
 * What the solver decided for one cluster: the candidate chosen per placed pair, for each pool the nodes as
 * replica slots per size, the cost and a proven lower bound (both micro-dollars per hour), and whether the
 * solver proved it optimal. {@code timedOut} is set when no solution was found at all; {@code quotaUse} gives the
 * vCPUs each quota's pools use. {@code refused} says why the unit was not solved at all (it is beyond
 * {@link io.modelfleet.planning.PlanningBounds}), null when it was.
 */
public record ClusterSolution(boolean optimal, Map<Pair, Candidate> chosen, List<PoolNodes> pools, long costMicros,
        long lowerBoundMicros, boolean timedOut, Map<String, Long> quotaUse, String refused) {

    public ClusterSolution(boolean optimal, Map<Pair, Candidate> chosen, List<PoolNodes> pools, long costMicros,
            long lowerBoundMicros, boolean timedOut, Map<String, Long> quotaUse) {
        this(optimal, chosen, pools, costMicros, lowerBoundMicros, timedOut, quotaUse, null);
    }

    static ClusterSolution nothingPlaced(List<Pair> pairs) {
        return new ClusterSolution(true, Map.of(), List.of(), 0, 0, false, Map.of());
    }

    public static ClusterSolution timedOut(List<Pair> pairs) {
        return new ClusterSolution(false, Map.of(), List.of(), 0, 0, true, Map.of());
    }

    /** Not solved: nothing placed, and why (the reason is shown on every pair of the unit). */
    static ClusterSolution refused(String why) {
        return new ClusterSolution(false, Map.of(), List.of(), 0, 0, true, Map.of(), why);
    }

    /** One pool's nodes: each entry counts, per size in {@code sizes}, the replica slots that node provides. */
    public record PoolNodes(String cluster, NodePool pool, Hardware hardware, long priceMicros, List<Resources> sizes,
            List<long[]> nodes) {
    }
}
