package io.modelfleet.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.rollout.engine.RolloutState.Gradual;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When a switch must go batch by batch: the pool cannot hold the plan's nodes and the old workload's at once, or the
 * deployment's disruption budget caps the batch below the switch's replicas (I9).
 */
class GradualSwitchesTest {

    private static PlanResult plan(PlanResult.Placement placement, PlanResult.PoolNodes nodes) {
        return new PlanResult(PlanResult.PlanStatus.OPTIMAL, 0, 0, 0, List.of(placement), List.of(nodes), List.of(),
                List.of(), null, List.of(), List.of(), null);
    }

    private static final Deployment RESNET = new Deployment("resnet", "resnet50", "2.0.0",
            new Deployment.Slo(20, null, 1, 0.25), List.of(new Deployment.Demand("c", 640)));

    /** Before: FP16 on T4, 2 replicas on 2 nodes (400 rps each). After: INT8 on the same pool, 1 replica, 1 node. */
    private static Map<String, Gradual> decide(int maxNodes) {
        PlanResult before = plan(new PlanResult.Placement("resnet", "c", "v1", Precision.FP16, "g4dn.xlarge", "t4", 8,
                2, 9, 800, 1.052), new PlanResult.PoolNodes("c", "t4", "g4dn.xlarge", CapacityType.ON_DEMAND, 2,
                0.526, 1.052, List.of(List.of(new PlanResult.NodeShare("resnet", 1)),
                        List.of(new PlanResult.NodeShare("resnet", 1)))));
        PlanResult after = plan(new PlanResult.Placement("resnet", "c", "v2", Precision.INT8, "g4dn.xlarge", "t4", 8, 1,
                7, 1000, 0.526), new PlanResult.PoolNodes("c", "t4", "g4dn.xlarge", CapacityType.ON_DEMAND, 1, 0.526,
                0.526, List.of(List.of(new PlanResult.NodeShare("resnet", 1)))));
        return GradualSwitches.decide(after, List.of(RESNET), List.of(new GradualSwitches.Running("resnet", "c",
                "FP16", "g4dn.xlarge", "t4", before)), Map.of("c", Map.of("t4", maxNodes)));
    }

    @Test
    void aPoolWithRoomForOldAndNewSwitchesAllAtOnce() {
        assertEquals(Map.of(), decide(3), "1 planned node + 2 the old workload holds = 3 <= 3");
    }

    @Test
    void aPoolWithoutRoomForBothSwitchesOneReplicaPerBatchWithTheNeedAndBothThroughputs() {
        assertEquals(Map.of("c/resnet", new Gradual(1, null, "resnet-fp16-g4dn-xlarge", 800, 400, 1000)), decide(2),
                "1 + 2 > 2; need = 640 x 1.25");
    }

    /** 4 replicas (300 rps each) on 4 nodes, FP16 before and INT8 after, with the batch caps given. */
    private static Map<String, Gradual> decideFour(int maxNodes, Map<String, Integer> maxBatch) {
        PlanResult before = plan(new PlanResult.Placement("resnet", "c", "v1", Precision.FP16, "g4dn.xlarge", "t4", 8,
                4, 9, 1200, 2.104), fourNodes());
        PlanResult after = plan(new PlanResult.Placement("resnet", "c", "v2", Precision.INT8, "g4dn.xlarge", "t4", 8,
                4, 7, 1200, 2.104), fourNodes());
        return GradualSwitches.decide(after, List.of(RESNET), List.of(new GradualSwitches.Running("resnet", "c",
                "FP16", "g4dn.xlarge", "t4", before)), Map.of("c", Map.of("t4", maxNodes)), maxBatch);
    }

    private static PlanResult.PoolNodes fourNodes() {
        List<PlanResult.NodeShare> one = List.of(new PlanResult.NodeShare("resnet", 1));
        return new PlanResult.PoolNodes("c", "t4", "g4dn.xlarge", CapacityType.ON_DEMAND, 4, 0.526, 2.104,
                List.of(one, one, one, one));
    }

    @Test
    void aBudgetCapBelowTheReplicasMakesARoomySwitchGradualInBatchesOfTheCap() {
        assertEquals(Map.of(), decideFour(10, Map.of()), "4 planned + 4 held <= 10: all at once without a cap");
        assertEquals(Map.of("c/resnet", new Gradual(1, null, "resnet-fp16-g4dn-xlarge", 800, 300, 300)),
                decideFour(10, Map.of("resnet", 1)));
        assertEquals(Map.of("c/resnet", new Gradual(3, null, "resnet-fp16-g4dn-xlarge", 800, 300, 300)),
                decideFour(10, Map.of("resnet", 3)));
    }

    @Test
    void aCapAtOrAboveTheReplicasOrForAnotherDeploymentChangesNothing() {
        assertEquals(Map.of(), decideFour(10, Map.of("resnet", 4)));
        assertEquals(Map.of(), decideFour(10, Map.of("other", 1)));
    }

    @Test
    void aPoolWithoutRoomGoesOneReplicaPerBatchWhateverTheCap() {
        assertEquals(Map.of("c/resnet", new Gradual(1, null, "resnet-fp16-g4dn-xlarge", 800, 300, 300)),
                decideFour(7, Map.of("resnet", 3)), "4 + 4 > 7");
    }
}
