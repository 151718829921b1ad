package io.modelfleet.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.dashboard.dto.PlanNodes;
import io.modelfleet.dashboard.service.NodeUse;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Variant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NodeUseTest {

    private static final UUID PLAN = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Hardware T4 = new Hardware("g4dn.xlarge", true, 1, 16, 4, 16,
            Set.of(Precision.FP32, Precision.INT8), List.of(new Hardware.Offering("us-east-1", CapacityType.ON_DEMAND, 0.526)));
    private static final Hardware CPU = new Hardware("c6i.xlarge", false, 0, 0, 4, 8,
            Set.of(Precision.FP32, Precision.INT8), List.of(new Hardware.Offering("us-east-1", CapacityType.SPOT, 0.07)));
    private static final Variant GPU_INT8 = new Variant("v-gpu", "resnet50", "1.0.0", Precision.INT8, List.of(), 1, 75.9,
            List.of(new Variant.Benchmark("g4dn.xlarge", 8, 7.1, 1800, 1, 2, 4)));
    /** Two operating points at batch size 1: the plan's capacity (3 x 200 = 600 rps) says it used the second. */
    private static final Variant CPU_INT8 = new Variant("v-cpu", "bert", "1.0.0", Precision.INT8, List.of(), 1, 90.0,
            List.of(new Variant.Benchmark("c6i.xlarge", 1, 9, 100, 0, 2, 3),
                    new Variant.Benchmark("c6i.xlarge", 1, 12, 200, 0, 1, 1.5)));
    private static final Variant CPU_SMALL = new Variant("v-small", "tiny", "1.0.0", Precision.FP32, List.of(), 1, 60.0,
            List.of(new Variant.Benchmark("c6i.xlarge", 1, 5, 50, 0, 0.5, 2)));
    private static final CatalogSnapshot SNAPSHOT = new CatalogSnapshot(List.of(T4, CPU),
            List.of(GPU_INT8, CPU_INT8, CPU_SMALL), List.of(), List.of());

    @Test
    void everyNodeOfEveryPoolIsListedWithItsUseInPercentOfItsHardware() {
        PlanNodes nodes = NodeUse.of(PLAN, plan(), SNAPSHOT);

        assertEquals(3, nodes.nodes().size());
        PlanNodes.Node gpu0 = nodes.nodes().get(0);
        assertEquals("gpu", gpu0.pool());
        assertEquals(0, gpu0.index());
        assertEquals(CapacityType.ON_DEMAND, gpu0.capacityType());
        assertEquals(0.526, gpu0.hourlyPriceUsd());
        // 1 of 1 GPU, 2 of 4 vCPUs, 4 of 16 GiB.
        assertEquals(100.0, gpu0.acceleratorPercent());
        assertEquals(50.0, gpu0.vcpuPercent());
        assertEquals(25.0, gpu0.memoryPercent());
        assertEquals(1, nodes.nodes().get(1).index());

        PlanNodes.Node cpu0 = nodes.nodes().get(2);
        assertNull(cpu0.acceleratorPercent(), "a CPU node has no accelerator use");
        // 3 x 1 + 1 x 0.5 = 3.5 of 4 vCPUs; 3 x 1.5 + 1 x 2 = 6.5 of 8 GiB = 81.25%, printed half up as 81.3.
        assertEquals(87.5, cpu0.vcpuPercent());
        assertEquals(81.3, cpu0.memoryPercent());
        assertEquals(List.of(new PlanNodes.Replicas("bert-prod", "v-cpu", Precision.INT8, 3, 0, 1, 1.5),
                new PlanNodes.Replicas("tiny-prod", "v-small", Precision.FP32, 1, 0, 0.5, 2)), cpu0.replicas());
    }

    @Test
    void aNodeHoldingADeploymentThePlanDoesNotPlaceThereIsAnError() {
        PlanResult broken = result(List.of(new PlanResult.PoolNodes("prod", "gpu", "g4dn.xlarge",
                CapacityType.ON_DEMAND, 1, 0.526, 0.526, List.of(List.of(new PlanResult.NodeShare("ghost", 1))))),
                List.of());
        assertThrows(IllegalStateException.class, () -> NodeUse.of(PLAN, broken, SNAPSHOT));
    }

    private static PlanResult plan() {
        List<PlanResult.Placement> placements = List.of(
                new PlanResult.Placement("resnet-prod", "prod", "v-gpu", Precision.INT8, "g4dn.xlarge", "gpu", 8, 2,
                        7.1, 3600, 1.052),
                new PlanResult.Placement("bert-prod", "prod", "v-cpu", Precision.INT8, "c6i.xlarge", "cpu", 1, 3, 12,
                        600, 0.05),
                new PlanResult.Placement("tiny-prod", "prod", "v-small", Precision.FP32, "c6i.xlarge", "cpu", 1, 1, 5,
                        50, 0.02));
        List<PlanResult.PoolNodes> pools = List.of(
                new PlanResult.PoolNodes("prod", "gpu", "g4dn.xlarge", CapacityType.ON_DEMAND, 2, 0.526, 1.052,
                        List.of(List.of(new PlanResult.NodeShare("resnet-prod", 1)),
                                List.of(new PlanResult.NodeShare("resnet-prod", 1)))),
                new PlanResult.PoolNodes("prod", "cpu", "c6i.xlarge", CapacityType.SPOT, 1, 0.07, 0.07,
                        List.of(List.of(new PlanResult.NodeShare("bert-prod", 3),
                                new PlanResult.NodeShare("tiny-prod", 1)))));
        return result(pools, placements);
    }

    private static PlanResult result(List<PlanResult.PoolNodes> pools, List<PlanResult.Placement> placements) {
        return new PlanResult(PlanResult.PlanStatus.OPTIMAL, 1.122, 1.122, 0, placements, pools, List.of(), List.of(),
                null, List.of(), List.of(), null);
    }
}
