package io.modelfleet.planning;

import io.modelfleet.planning.solver.ClusterSolution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a pool's node slots into concrete nodes: fills each node's slots of a size with the chosen replicas of
 * that size, deployment by deployment, and drops nodes left empty. Replicas of one size are interchangeable for
 * packing, so any such filling is as valid as the solver's.
 */
final class NodeAssignment {

    /** One node: replicas per deployment, and the share of the node each deployment's replicas take. */
    record Node(Map<String, Integer> replicas, Map<String, Double> weight) {
    }

    private NodeAssignment() {
    }

    static List<Node> assign(ClusterSolution.PoolNodes pool, List<Candidate> chosenOnPool) {
        List<Node> nodes = new ArrayList<>();
        pool.nodes().forEach(n -> nodes.add(new Node(new LinkedHashMap<>(), new LinkedHashMap<>())));
        long[] capacity = pool.hardware().capacity().asArray();
        for (int t = 0; t < pool.sizes().size(); t++) {
            int type = t;
            List<Candidate> ofSize = chosenOnPool.stream()
                    .filter(c -> c.perReplica().equals(pool.sizes().get(type))).toList();
            int nodeIndex = 0;
            long slotsLeft = nodes.isEmpty() ? 0 : pool.nodes().get(0)[t];
            for (Candidate c : ofSize) {
                long remaining = c.replicas();
                while (remaining > 0) {
                    while (slotsLeft == 0) {
                        nodeIndex++;
                        if (nodeIndex >= nodes.size()) {
                            throw new IllegalStateException("solver returned fewer slots than replicas on pool "
                                    + pool.pool().name());
                        }
                        slotsLeft = pool.nodes().get(nodeIndex)[t];
                    }
                    long take = Math.min(remaining, slotsLeft);
                    Node node = nodes.get(nodeIndex);
                    String deployment = c.pair().deploymentName();
                    node.replicas().merge(deployment, (int) take, Integer::sum);
                    node.weight().merge(deployment, take * share(c.perReplica().asArray(), capacity), Double::sum);
                    remaining -= take;
                    slotsLeft -= take;
                }
            }
        }
        nodes.removeIf(n -> n.replicas().isEmpty());
        return nodes;
    }

    /** How much of a node one replica takes: its largest fraction over the three dimensions. */
    private static double share(long[] size, long[] capacity) {
        double share = 0;
        for (int d = 0; d < size.length; d++) {
            if (capacity[d] > 0) {
                share = Math.max(share, (double) size[d] / capacity[d]);
            }
        }
        return share;
    }
}
