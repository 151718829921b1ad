package io.modelfleet.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.planning.snapshot.Resources;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Design 006, I1: reserved nodes are a first-fit-decreasing packing, never fewer than a real packing needs. */
class NodePackingTest {

    /** g4dn.12xlarge: 4 GPUs, 48 vCPUs, 192 GiB. */
    private static final Resources GPU_NODE = Resources.of(4, 48, 192);
    private static final Resources CPU_NODE = Resources.of(0, 8, 32);

    @Test
    void fiveOneGpuReplicasNeedTwoFourGpuNodes() {
        assertEquals(2, NodePacking.nodes(5, Resources.of(1, 4, 16), GPU_NODE));
    }

    @Test
    void theScarcestDimensionDecides() {
        // 10 vCPUs each: 4 fit by GPUs, but only 4 by vCPUs (48 / 10), and 100 GiB each: only 1 by memory.
        assertEquals(3, NodePacking.nodes(3, Resources.of(1, 10, 100), GPU_NODE));
    }

    @Test
    void largestFirstPacksWhatArrivalOrderWouldSpread() {
        // In arrival order first fit opens three nodes (2+5 | 3 | 6: 3+6 > 8); largest first fits 6+2 and 5+3.
        List<Resources> replicas = Arrays.asList(Resources.of(0, 2, 1), Resources.of(0, 5, 1), Resources.of(0, 3, 1),
                Resources.of(0, 6, 1));
        assertEquals(2, NodePacking.nodes(replicas, CPU_NODE));
    }

    @Test
    void unknownOrOversizedReplicasHoldAWholeNodeEach() {
        List<Resources> replicas = Arrays.asList(null, Resources.of(0, 9, 1), Resources.of(0, 1, 1),
                Resources.of(0, 1, 1), null);
        // two unknown + one too large for an 8-vCPU node, each alone; the two small ones share one node
        assertEquals(4, NodePacking.nodes(replicas, CPU_NODE));
    }

    @Test
    void nothingRunningHoldsNothing() {
        assertEquals(0, NodePacking.nodes(List.of(), CPU_NODE));
        assertEquals(0, NodePacking.nodes(0, Resources.of(0, 1, 1), CPU_NODE));
    }
}
