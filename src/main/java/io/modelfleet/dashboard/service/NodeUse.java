package io.modelfleet.dashboard.service;

import io.modelfleet.dashboard.dto.PlanNodes;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Resources;
import io.modelfleet.planning.snapshot.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a stored plan's node packing into per-node use: the plan lists, node by node, how many replicas of each
 * deployment sit there; what one replica needs is the benchmark row the placement was chosen with, found in the
 * snapshot the plan was computed from (so later catalog edits do not change an old plan's picture). Sums are taken
 * in the planner's own integer units (accelerators, millicores, MiB), so a node the planner filled exactly reads
 * 100.0%.
 */
public final class NodeUse {

    private NodeUse() {
    }

    public static PlanNodes of(UUID planId, PlanResult result, CatalogSnapshot snapshot) {
        Map<String, PlanResult.Placement> placements = result.placements().stream()
                .collect(Collectors.toMap(p -> key(p.deployment(), p.cluster()), Function.identity(), (a, b) -> a));
        Map<String, Hardware> hardware = snapshot.hardwareByName();
        Map<String, Variant> variants = snapshot.variants().stream()
                .collect(Collectors.toMap(Variant::id, Function.identity()));
        List<PlanNodes.Node> nodes = new ArrayList<>();
        for (PlanResult.PoolNodes pool : result.nodes()) {
            Hardware hw = hardware.get(pool.hardware());
            if (hw == null) {
                throw new IllegalStateException("plan " + planId + " uses hardware " + pool.hardware()
                        + " that its snapshot does not hold");
            }
            for (int i = 0; i < pool.perNode().size(); i++) {
                nodes.add(node(pool, i, hw, placements, variants));
            }
        }
        return new PlanNodes(planId, List.copyOf(nodes));
    }

    private static PlanNodes.Node node(PlanResult.PoolNodes pool, int index, Hardware hw,
            Map<String, PlanResult.Placement> placements, Map<String, Variant> variants) {
        long accelerators = 0;
        long millicores = 0;
        long mebibytes = 0;
        List<PlanNodes.Replicas> replicas = new ArrayList<>();
        for (PlanResult.NodeShare share : pool.perNode().get(index)) {
            PlanResult.Placement placement = placements.get(key(share.deployment(), pool.cluster()));
            if (placement == null) {
                throw new IllegalStateException("node " + index + " of pool " + pool.pool() + " holds "
                        + share.deployment() + ", which the plan does not place on " + pool.cluster());
            }
            Variant.Benchmark row = benchmark(placement, variants.get(placement.variantId()));
            Resources need = row.perReplica();
            accelerators += need.accelerators() * share.replicas();
            millicores += need.millicores() * share.replicas();
            mebibytes += need.mebibytes() * share.replicas();
            replicas.add(new PlanNodes.Replicas(share.deployment(), placement.variantId(), placement.precision(),
                    share.replicas(), row.acceleratorsPerReplica(), row.vcpusPerReplica(), row.memoryGiBPerReplica()));
        }
        Resources capacity = hw.capacity();
        Double acceleratorPercent = capacity.accelerators() > 0 ? Percent.of(accelerators, capacity.accelerators())
                : null;
        return new PlanNodes.Node(pool.cluster(), pool.pool(), index, pool.hardware(), pool.capacityType(),
                pool.hourlyPriceUsd(), hw.acceleratorCount(), hw.vcpus(), hw.memoryGiB(), List.copyOf(replicas),
                acceleratorPercent, Percent.of(millicores, capacity.millicores()),
                Percent.of(mebibytes, capacity.mebibytes()));
    }

    /**
     * The row the placement was planned with: same hardware and batch size; several operating points of one batch
     * size are told apart by the capacity they give the placement (replicas x throughput).
     */
    private static Variant.Benchmark benchmark(PlanResult.Placement placement, Variant variant) {
        if (variant == null) {
            throw new IllegalStateException("placement " + placement.deployment() + "/" + placement.cluster()
                    + " names variant " + placement.variantId() + " that the plan's snapshot does not hold");
        }
        return variant.benchmarks().stream()
                .filter(b -> b.hardware().equals(placement.hardware()) && b.batchSize() == placement.batchSize())
                .min(Comparator.comparingDouble(b -> Math.abs(b.throughputRps() * placement.replicas()
                        - placement.capacityRps())))
                .orElseThrow(() -> new IllegalStateException("variant " + variant.id() + " has no benchmark on "
                        + placement.hardware() + " at batch size " + placement.batchSize()));
    }

    private static String key(String deployment, String cluster) {
        return deployment + "\n" + cluster;
    }
}
