package io.modelfleet.planning;

import static io.modelfleet.planning.TinyFleet.demand;
import static io.modelfleet.planning.TinyFleet.fleet;
import static io.modelfleet.planning.TinyFleet.on;
import static io.modelfleet.planning.TinyFleet.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Quota;
import io.modelfleet.planning.snapshot.Reservation;
import io.modelfleet.planning.snapshot.Running;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The switch cost (design 006, I2), reservations of deployments outside the plan (I1) and at-risk running choices
 * (I4) on tiny fleets. Each GPU node holds one replica (one accelerator per replica), so nodes = replicas.
 */
class SwitchCostAndReservationsTest {

    private static final long MB = 1_000_000;

    /** d needs 3 replicas (300 rps at 100 each) on pool pa (hardware a) or pb (hardware b), one per node. */
    private static CatalogSnapshot twoPools(double priceA, double priceB) {
        return fleet().gpu("a", priceA, TinyFleet.T4).gpu("b", priceB, TinyFleet.T4)
                .variant("v", Precision.FP16, 76.0, 25 * MB, on("a", 5, 100, 1, 1, 1), on("b", 5, 100, 1, 1, 1))
                .cluster("c1", "us-east-1", pool("pa", "a", 10), pool("pb", "b", 10))
                .deployment("d", 20, null, 1, 0, demand("c1", 300)).snapshot();
    }

    private static PlanResult plan(CatalogSnapshot s) {
        return new Planner(1, 200).plan(s, Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("I2: on a tie the planner keeps what runs, whichever pool that is")
    void aTieKeepsWhatRuns() {
        CatalogSnapshot tie = twoPools(1.0, 1.0);
        String alone = plan(tie).placements().get(0).pool();
        String other = alone.equals("pa") ? "pb" : "pa";
        PlanResult kept = plan(tie.withRunning(List.of(new Running("d", "c1", "v", other, 1, 3)), 0.01));
        assertEquals(other, kept.placements().get(0).pool());
        assertEquals(3.0, kept.totalHourlyCostUsd(), 1e-9, "the cost is the nodes', without the switch cost");
        assertEquals(PlanResult.PlanStatus.OPTIMAL, kept.status());
    }

    @Test
    @DisplayName("I2: a saving at most the switch cost keeps what runs; a larger one moves")
    void onlyASavingAboveTheSwitchCostMoves() {
        // pb saves 3 x 0.003 = 0.009 $/h against pa.
        CatalogSnapshot s = twoPools(1.0, 0.997).withRunning(List.of(new Running("d", "c1", "v", "pa", 1, 3)), 0.01);
        PlanResult kept = plan(s);
        assertEquals("pa", kept.placements().get(0).pool());
        PlanResult.Alternative cheaper = kept.alternatives().get(0).options().stream()
                .filter(o -> o.pool().equals("pb")).findFirst().orElseThrow();
        assertEquals("saves 0.009 $/h against keeping what runs, which is not more than the switch cost of 0.01 $/h",
                cheaper.reason());
        PlanResult moved = plan(s.withRunning(s.running(), 0.008));
        assertEquals("pb", moved.placements().get(0).pool());
        assertEquals(2.991, moved.totalHourlyCostUsd(), 1e-9);
    }

    @Test
    @DisplayName("I4: a running choice flagged SLO at risk is rejected with the flag's reason and the pair moves")
    void anAtRiskChoiceIsRejected() {
        CatalogSnapshot s = twoPools(1.0, 2.0).withRunning(List.of(new Running("d", "c1", "v", "pa", 1, 3,
                "observed p99 31.0 ms > SLO 20.0 ms")), 100);
        PlanResult plan = plan(s);
        assertEquals("pb", plan.placements().get(0).pool());
        PlanResult.Alternative rejected = plan.alternatives().get(0).options().stream()
                .filter(o -> o.pool().equals("pa")).findFirst().orElseThrow();
        assertEquals(Rule.SLO_AT_RISK, rejected.rule());
        assertEquals("observed p99 31.0 ms > SLO 20.0 ms", rejected.reason());
    }

    @Test
    @DisplayName("I1: nodes other deployments hold in a pool are not the plan's to use")
    void reservedNodesLowerAPoolsBound() {
        CatalogSnapshot s = twoPools(1.0, 2.0);
        assertEquals("pa", plan(s).placements().get(0).pool(), "alone, the cheap pool");
        // 8 of pa's 10 nodes are held: 2 are left, d needs 3.
        PlanResult fleetAware = plan(s.withReservations(List.of(new Reservation("c1", "us-east-1", null, "pa", "a",
                CapacityType.ON_DEMAND, 8, 4, List.of("other")))));
        assertEquals("pb", fleetAware.placements().get(0).pool());
        assertEquals(6.0, fleetAware.totalHourlyCostUsd(), 1e-9);
        assertEquals(Rule.MAX_NODES, fleetAware.alternatives().get(0).options().stream()
                .filter(o -> o.pool().equals("pa")).findFirst().orElseThrow().rule());
    }

    @Test
    @DisplayName("I1: a quota counts the vCPUs other deployments use, on clusters outside the plan too")
    void reservedVcpusLowerAQuota() {
        // g4dn.xlarge: 4 vCPUs, G-and-VT on-demand quota L-DB2E81BA of 16 vCPUs in account 111.
        CatalogSnapshot base = fleet().gpu("g4dn.xlarge", 0.526, TinyFleet.T4).cpu("c6i.xlarge", 2.0)
                .variant("v", Precision.INT8, 76.0, 25 * MB, on("g4dn.xlarge", 5, 100, 1, 1, 1),
                        on("c6i.xlarge", 5, 100, 0, 4, 4))
                .deployment("d", 20, null, 1, 0, demand("c1", 300)).snapshot();
        Cluster c1 = new Cluster("c1", "us-east-1", List.of(pool("gpu", "g4dn.xlarge", 10),
                pool("cpu", "c6i.xlarge", 10)), "111");
        CatalogSnapshot s = new CatalogSnapshot(base.hardware(), base.variants(), List.of(c1), base.deployments(),
                List.of(new Quota("111", "us-east-1", "L-DB2E81BA", 16)));
        PlanResult alone = plan(s);
        assertEquals("gpu", alone.placements().get(0).pool());
        assertEquals(12, alone.quotas().get(0).usedVcpus());
        // Cluster c9 (not in this plan) of the same account runs 2 g4dn nodes: 8 vCPUs; 8 left = 2 nodes < 3.
        PlanResult fleetAware = plan(s.withReservations(List.of(new Reservation("c9", "us-east-1", "111", "gpu",
                "g4dn.xlarge", CapacityType.ON_DEMAND, 2, 4, List.of("other")))));
        assertEquals("cpu", fleetAware.placements().get(0).pool());
        assertEquals(6.0, fleetAware.totalHourlyCostUsd(), 1e-9);
        // A reservation of another account leaves the quota alone.
        PlanResult otherAccount = plan(s.withReservations(List.of(new Reservation("c9", "us-east-1", "222", "gpu",
                "g4dn.xlarge", CapacityType.ON_DEMAND, 2, 4, List.of("other")))));
        assertEquals("gpu", otherAccount.placements().get(0).pool());
    }

    @Test
    @DisplayName("I5: an evaluation prices keeping what runs at today's prices beside the proposal")
    void anEvaluationComparesKeepingWithTheProposal() {
        CatalogSnapshot s = twoPools(1.0, 0.5).withRunning(List.of(new Running("d", "c1", "v", "pa", 1, 2)), 0.01);
        Evaluation e = new Planner(1, 0).evaluate(s, Deadline.in(Duration.ofSeconds(10)), new UnitCache());
        PairOutcome o = e.pairs().get(0);
        assertEquals("pb", o.proposed().pool());
        assertEquals(1.5, o.proposed().hourlyCostUsd(), 1e-9);
        assertEquals("pa", o.kept().pool());
        assertEquals(3, o.kept().replicas(), "keeping means today's demand: 3 replicas, not the 2 that ran");
        assertEquals(3.0, o.kept().hourlyCostUsd(), 1e-9);
        assertTrue(o.changes() && o.optimal());
        assertNull(o.keepInfeasible());
    }

    @Test
    @DisplayName("I4: an evaluation says why what runs cannot be kept")
    void anEvaluationSaysWhyKeepingIsImpossible() {
        CatalogSnapshot s = twoPools(1.0, 2.0).withRunning(List.of(new Running("d", "c1", "v", "pa", 1, 3,
                "observed p99 31.0 ms > SLO 20.0 ms")), 0.01);
        PairOutcome o = new Planner(1, 0).evaluate(s, Deadline.in(Duration.ofSeconds(10)), new UnitCache())
                .pairs().get(0);
        assertNull(o.kept());
        assertEquals("SLO_AT_RISK: observed p99 31.0 ms > SLO 20.0 ms", o.keepInfeasible());
        assertEquals("pb", o.proposed().pool());
    }

    @Test
    @DisplayName("Incremental: unchanged units are reused; a price change re-solves only the units it touches")
    void unchangedUnitsAreReused() {
        CatalogSnapshot east = fleet().gpu("a", 1.0, TinyFleet.T4)
                .variant("v", Precision.FP16, 76.0, 25 * MB, on("a", 5, 100, 1, 1, 1))
                .cluster("c1", "us-east-1", pool("pa", "a", 10)).cluster("c2", "us-east-1", pool("pa", "a", 10))
                .deployment("d", 20, null, 1, 0, demand("c1", 300), demand("c2", 100)).snapshot();
        Planner planner = new Planner(1, 0);
        UnitCache cache = new UnitCache();
        Evaluation first = planner.evaluate(east, Deadline.in(Duration.ofSeconds(10)), cache);
        assertEquals(2, first.unitsSolved());
        Evaluation again = planner.evaluate(east, Deadline.in(Duration.ofSeconds(10)), cache);
        assertEquals(0, again.unitsSolved());
        assertEquals(2, again.unitsReused());
        assertEquals(first.pairs(), again.pairs(), "reused decisions are the same decisions");
        // Demand changes on c2 only: c1 is reused.
        CatalogSnapshot grown = new CatalogSnapshot(east.hardware(), east.variants(), east.clusters(),
                List.of(new io.modelfleet.planning.snapshot.Deployment("d", "m", "1.0", east.deployments().get(0).slo(),
                        List.of(demand("c1", 300), demand("c2", 250)))), List.of());
        Evaluation third = planner.evaluate(grown, Deadline.in(Duration.ofSeconds(10)), cache);
        assertEquals(1, third.unitsSolved());
        assertEquals(1, third.unitsReused());
        assertEquals(3, third.pairs().get(1).proposed().replicas());
    }

    @Test
    @DisplayName("I2: batch sizes that pack alike keep the running one: no restart of every replica for nothing")
    void aTieBetweenBatchSizesKeepsTheRunningOne() {
        CatalogSnapshot s = fleet().gpu("a", 1.0, TinyFleet.T4).snapshot();
        io.modelfleet.planning.snapshot.Variant twoBatches = new io.modelfleet.planning.snapshot.Variant("v", "m",
                "1.0", Precision.FP16, List.of(), 25 * MB, 76.0, List.of(
                        new io.modelfleet.planning.snapshot.Variant.Benchmark("a", 8, 5, 100, 1, 1, 1),
                        new io.modelfleet.planning.snapshot.Variant.Benchmark("a", 16, 5, 100, 1, 1, 1)));
        CatalogSnapshot fleet = new CatalogSnapshot(s.hardware(), List.of(twoBatches),
                List.of(new Cluster("c1", "us-east-1", List.of(pool("pa", "a", 10)))),
                List.of(new io.modelfleet.planning.snapshot.Deployment("d", "m", "1.0",
                        new io.modelfleet.planning.snapshot.Deployment.Slo(20, null, 1, 0), List.of(demand("c1", 300)))),
                List.of());
        assertEquals(8, plan(fleet).placements().get(0).batchSize(), "alone: the first of the tie");
        PlanResult kept = plan(fleet.withRunning(List.of(new Running("d", "c1", "v", "pa", 16, 3)), 0.01));
        assertEquals(16, kept.placements().get(0).batchSize());
    }
}
