package io.modelfleet.plans;

import static io.modelfleet.plans.FleetSnapshots.G_QUOTA;
import static io.modelfleet.plans.FleetSnapshots.cluster;
import static io.modelfleet.plans.FleetSnapshots.deployment;
import static io.modelfleet.plans.FleetSnapshots.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Reservation;
import io.modelfleet.planning.snapshot.Running;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Design 006, I10: a plan's transition is stated per pool and quota, and what cannot fit is said in words. */
class TransitionNeedsTest {

    /** "other" holds 2 GPU nodes on a (in the plan) and 3 on b (outside it, same account): 20 G vCPUs. */
    private static final List<Reservation> OTHERS = List.of(
            new Reservation("a", "us-east-1", "111", "gpu", "g4dn.xlarge", CapacityType.ON_DEMAND, 2, 4,
                    List.of("other")),
            new Reservation("b", "us-east-1", "111", "gpu", "g4dn.xlarge", CapacityType.ON_DEMAND, 3, 4,
                    List.of("other")));

    /** mine runs 3 FP16 replicas on a's GPU pool (3 nodes, one GPU each) and the plan moves it to 6 INT8 nodes. */
    private static Transition fp16ToInt8OnGpu(int gpuMaxNodes, double gQuota) {
        CatalogSnapshot s = snapshot(List.of(cluster("a", "111", gpuMaxNodes)), List.of(deployment("mine", "a")),
                gQuota).withRunning(List.of(new Running("mine", "a", "v-fp16", "gpu", 8, 3)), 0)
                .withReservations(OTHERS);
        return TransitionNeeds.of(s, plan(new PlanResult.Placement("mine", "a", "v-int8", Precision.INT8,
                "g4dn.xlarge", "gpu", 16, 6, 30, 900, 3.156), nodes("a", "gpu", "g4dn.xlarge", 6)));
    }

    @Test
    void aSwitchThatFitsBesideTheOldWorkloadGoesSideBySide() {
        Transition t = fp16ToInt8OnGpu(11, 64);
        assertEquals(List.of(new Transition.PoolPeak("a", "gpu", 11, 6, 2, 3, Transition.Strategy.SIDE_BY_SIDE,
                11, true)), t.pools());
        // 6 planned + 3 old nodes = 36 vCPUs, and 20 reserved (a and b)
        assertEquals(List.of(new Transition.QuotaPeak("111", "us-east-1", G_QUOTA, 64, 24, 20, 56, true)), t.quotas());
        assertTrue(t.fits());
        assertEquals(List.of(), t.reasons());
    }

    @Test
    void aSwitchThatDoesNotFitBesideGoesGraduallyWithOneSurgeNode() {
        Transition t = fp16ToInt8OnGpu(10, 64);
        // side by side: 6 + 2 + 3 = 11 > 10; gradual: max(6, 3) + 2 + 1 = 9
        assertEquals(List.of(new Transition.PoolPeak("a", "gpu", 10, 6, 2, 3, Transition.Strategy.GRADUAL, 9, true)),
                t.pools());
        assertEquals(List.of(new Transition.QuotaPeak("111", "us-east-1", G_QUOTA, 64, 24, 20, 48, true)), t.quotas());
        assertTrue(t.fits());
    }

    @Test
    void aTransitionPastMaxNodesSaysWhy() {
        Transition t = fp16ToInt8OnGpu(8, 64);
        assertEquals(false, t.fits());
        assertEquals(List.of("pool gpu of a needs 9 nodes at the peak of its rollout (6 planned, 2 held by others,"
                + " 1 surge); maxNodes is 8"), t.reasons());
    }

    @Test
    void aTransitionPastAQuotaSaysWhyCountingReservationsOutsideThePlan() {
        Transition t = fp16ToInt8OnGpu(10, 40);
        assertEquals(false, t.fits());
        assertEquals(List.of("quota L-DB2E81BA of account 111 in us-east-1 needs 48 vCPUs at the peak of the rollout"
                + " (24 planned, 20 held by others, 4 held by workloads switching away or surge); its limit is 40"),
                t.reasons());
    }

    @Test
    void keepingWhatRunsHoldsNoOldNodes() {
        CatalogSnapshot s = snapshot(List.of(cluster("a", "111", 10)), List.of(deployment("mine", "a")), 64)
                .withRunning(List.of(new Running("mine", "a", "v-fp16", "gpu", 8, 3)), 0).withReservations(OTHERS);
        Transition t = TransitionNeeds.of(s, plan(new PlanResult.Placement("mine", "a", "v-fp16", Precision.FP16,
                "g4dn.xlarge", "gpu", 8, 4, 40, 400, 2.104), nodes("a", "gpu", "g4dn.xlarge", 4)));
        assertEquals(List.of(new Transition.PoolPeak("a", "gpu", 10, 4, 2, 0, Transition.Strategy.SIDE_BY_SIDE, 6,
                true)), t.pools());
    }

    @Test
    void aPoolLeftBehindIsListedWithTheNodesItsOldWorkloadKeeps() {
        // 8 INT8 replicas on CPU (1 vCPU each: 4 a node = 2 nodes) move to the GPU pool.
        CatalogSnapshot s = snapshot(List.of(cluster("a", "111", 10)), List.of(deployment("mine", "a")), 64)
                .withRunning(List.of(new Running("mine", "a", "v-int8", "cpu", 1, 8)), 0).withReservations(OTHERS);
        Transition t = TransitionNeeds.of(s, plan(new PlanResult.Placement("mine", "a", "v-fp16", Precision.FP16,
                "g4dn.xlarge", "gpu", 8, 4, 40, 400, 2.104), nodes("a", "gpu", "g4dn.xlarge", 4)));
        assertEquals(List.of(
                new Transition.PoolPeak("a", "cpu", 10, 0, 0, 2, Transition.Strategy.SIDE_BY_SIDE, 2, true),
                new Transition.PoolPeak("a", "gpu", 10, 4, 2, 0, Transition.Strategy.SIDE_BY_SIDE, 6, true)),
                t.pools());
        // the m5 nodes are standard instances: the G quota counts only the GPU pools (16 planned, 20 reserved)
        assertEquals(List.of(new Transition.QuotaPeak("111", "us-east-1", G_QUOTA, 64, 16, 20, 36, true)), t.quotas());
    }

    @Test
    void aPlanStoredBeforeTransitionsHasNone() {
        PlanEntity e = new PlanEntity();
        e.id = UUID.randomUUID();
        e.result = "{\"placements\":[]}";
        assertEquals(java.util.Optional.empty(), PlanJson.transition(e));
    }

    private static PlanResult plan(PlanResult.Placement placement, PlanResult.PoolNodes nodes) {
        return new PlanResult(PlanResult.PlanStatus.OPTIMAL, nodes.hourlyCostUsd(), 0, 0, List.of(placement),
                List.of(nodes), List.of(), List.of(), null, List.of(), List.of(), null);
    }

    private static PlanResult.PoolNodes nodes(String cluster, String pool, String hardware, int count) {
        return new PlanResult.PoolNodes(cluster, pool, hardware, CapacityType.ON_DEMAND, count, 0.526, 0.526 * count,
                List.of());
    }
}
