package io.modelfleet.planning;

import io.modelfleet.planning.snapshot.Cluster.NodePool;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Resources;
import io.modelfleet.planning.snapshot.Variant;

/**
 * A way to serve one pair: a variant on a node pool at one benchmarked batch size, with the replica count the
 * demand requires. Prices are in micro-dollars per hour so the solver's objective is integral and exact.
 */
public record Candidate(Pair pair, Variant variant, Variant.Benchmark benchmark, NodePool pool, Hardware hardware,
        String region, long priceMicros, int replicas) {

    public Resources perReplica() {
        return benchmark.perReplica();
    }

    /** Replicas of this candidate that one node holds when nothing else is on it. */
    public long perNode() {
        return perReplica().perNode(hardware.capacity());
    }

    /** Nodes this candidate needs on dedicated nodes. */
    public long standaloneNodes() {
        long perNode = perNode();
        return perNode == 0 ? Long.MAX_VALUE : (replicas + perNode - 1) / perNode;
    }

    public long standaloneCostMicros() {
        return standaloneNodes() * priceMicros;
    }

    public double capacityRps() {
        return replicas * benchmark.throughputRps();
    }

    /** True when this is at least as good as {@code other} on the same pool in every respect packing sees. */
    public boolean dominates(Candidate other) {
        return pool.name().equals(other.pool.name()) && replicas <= other.replicas
                && perReplica().fitsIn(other.perReplica());
    }
}
