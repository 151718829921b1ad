package io.modelfleet.planning;

import static io.modelfleet.planning.TinyFleet.demand;
import static io.modelfleet.planning.TinyFleet.fleet;
import static io.modelfleet.planning.TinyFleet.point;
import static io.modelfleet.planning.TinyFleet.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.PlanResult.Alternative;
import io.modelfleet.planning.PlanResult.Outcome;
import io.modelfleet.planning.PlanResult.PlanStatus;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Running;
import io.modelfleet.planning.snapshot.Variant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Design 007, B3 and B4: every row of a sweep is an operating point the planner weighs, and an ESTIMATED row is a
 * candidate only with the deployment's consent. One INT8 variant on a t4 pool (1 GPU, 4 vCPU, 16 GiB per node at
 * $0.526/h, maxNodes 10); each replica takes the whole GPU, so replicas = nodes. Demand 3000 rps, headroom 0.
 * The sweep at batch 8: concurrency 1 gives p99 4 ms at 500 rps, 4 gives 9 ms at 1600 rps, 16 gives 30 ms at
 * 2400 rps.
 */
class OperatingPointsTest {

    private static final long MB = 1_000_000;
    private static final double T4 = 0.526;

    private static final Variant.Benchmark C1 = point("t4", 8, 1, 4, 500, BenchmarkSource.MEASURED);
    private static final Variant.Benchmark C4 = point("t4", 8, 4, 9, 1600, BenchmarkSource.MEASURED);
    private static final Variant.Benchmark C16 = point("t4", 8, 16, 30, 2400, BenchmarkSource.MEASURED);

    @Test
    void theHighestThroughputWhoseP99MeetsTheSloIsChosen() {
        // SLO 10 ms: concurrency 16 (30 ms) is rejected. Concurrency 1: ceil(3000/500) = 6 replicas = 6 nodes =
        // 3.156; concurrency 4: ceil(3000/1600) = 2 replicas = 2 nodes = 1.052, 3200 rps. Forced onto
        // concurrency 1, the cluster costs 3.156 - 1.052 = 2.104 more.
        PlanResult plan = sweep(10, false, C1, C4, C16).plan();
        assertEquals(PlanStatus.OPTIMAL, plan.status());
        assertEquals(1.052, plan.totalHourlyCostUsd(), 1e-9);
        PlanResult.Placement p = plan.placements().get(0);
        assertEquals(List.of(8, 4, 2), List.of(p.batchSize(), p.concurrency(), p.replicas()));
        assertEquals(9.0, p.p99LatencyMs());
        assertEquals(3200.0, p.capacityRps());
        assertEquals(1.052, p.hourlyCostUsd(), 1e-9);
        assertEquals(BenchmarkSource.MEASURED, p.benchmarkSource());
        assertEquals(List.of(), plan.warnings());

        assertEquals(Outcome.CHOSEN, option(plan, 4).outcome());
        Alternative slowest = option(plan, 1);
        assertEquals(List.of(Outcome.COSTLIER, 6), List.of(slowest.outcome(), slowest.replicas()));
        assertEquals(2.104, slowest.extraHourlyCostUsd(), 1e-9);
        Alternative fastest = option(plan, 16);
        assertEquals(List.of(Rule.LATENCY, "p99 30 ms > SLO 10 ms"), List.of(fastest.rule(), fastest.reason()));
        assertEquals(BenchmarkSource.MEASURED, fastest.benchmarkSource());
        // One hardware profile: the single-hardware baseline is the plan itself.
        assertEquals(1.052, plan.baselines().singleHardware().totalHourlyCostUsd(), 1e-9);
    }

    @Test
    void aLooserSloMovesToTheHigherConcurrency() {
        // SLO 40 ms: concurrency 16 needs ceil(3000/2400) = 2 replicas, as many as concurrency 4 (1.052 either way);
        // of two operating points that cost the same, the one with more capacity is kept: 4800 rps.
        PlanResult plan = sweep(40, false, C1, C4, C16).plan();
        PlanResult.Placement p = plan.placements().get(0);
        assertEquals(List.of(16, 2), List.of(p.concurrency(), p.replicas()));
        assertEquals(4800.0, p.capacityRps());
        assertEquals(1.052, plan.totalHourlyCostUsd(), 1e-9);
        Alternative same = option(plan, 4);
        assertEquals(List.of(Outcome.COSTLIER, 2), List.of(same.outcome(), same.replicas()));
        assertEquals(0.0, same.extraHourlyCostUsd(), 1e-9);
    }

    @Test
    void theRowsOrderDoesNotDecideBetweenOperatingPoints() {
        PlanResult plan = sweep(40, false, C16, C4, C1).plan();
        assertEquals(16, plan.placements().get(0).concurrency());
    }

    @Test
    void anEstimateWithoutConsentIsRejectedWithItsFiguresAndTheWayToAllowIt() {
        PlanResult plan = sweep(10, false, C4.at(4, BenchmarkSource.ESTIMATED)).plan();
        assertEquals(PlanStatus.INFEASIBLE, plan.status());
        assertEquals(List.of(), plan.placements());
        String why = "the row is an estimate (p99 9 ms, 1600 rps per replica, 2 replicas); deployment 'd' plans with"
                + " measured rows only: set allowEstimated: true on it to plan with estimates, or measure the row";
        assertEquals(List.of(new PlanResult.Unplaced("d", "c1", List.of("ESTIMATED_NOT_ALLOWED: INT8 variant int8"
                + " on pool gpu (t4) batch 8 concurrency 4: " + why))), plan.unplaced());
        Alternative estimate = option(plan, 4);
        assertEquals(List.of(Outcome.REJECTED, Rule.ESTIMATED_NOT_ALLOWED, why, 2, BenchmarkSource.ESTIMATED),
                List.of(estimate.outcome(), estimate.rule(), estimate.reason(), estimate.replicas(),
                        estimate.benchmarkSource()));
    }

    @Test
    void anEstimateWithConsentIsPlannedAndThePlanWarns() {
        PlanResult plan = sweep(10, true, C4.at(4, BenchmarkSource.ESTIMATED)).plan();
        assertEquals(PlanStatus.OPTIMAL, plan.status());
        assertEquals(1.052, plan.totalHourlyCostUsd(), 1e-9);
        PlanResult.Placement p = plan.placements().get(0);
        assertEquals(List.of(4, 2, BenchmarkSource.ESTIMATED), List.of(p.concurrency(), p.replicas(),
                p.benchmarkSource()));
        assertEquals(List.of(new PlanResult.Warning("d", "c1", PlanResult.WarningKind.ESTIMATED_BENCHMARK,
                "INT8 variant int8 on pool gpu (t4) batch 8 concurrency 4 is planned on an estimate: p99 9 ms,"
                        + " 3200 rps over 2 replicas were not measured; measure the row before relying on them")),
                plan.warnings());
    }

    @Test
    void aMeasuredRowWinsATieWithAnEstimateAndAnEstimateThatSavesNodesWinsWithConsent() {
        // Estimated concurrency 8 at 1700 rps needs 2 replicas like measured concurrency 4: the measurement is kept.
        Variant.Benchmark tie = point("t4", 8, 8, 9.5, 1700, BenchmarkSource.ESTIMATED);
        PlanResult tied = sweep(10, true, C4, tie).plan();
        assertEquals(List.of(4, BenchmarkSource.MEASURED), List.of(tied.placements().get(0).concurrency(),
                tied.placements().get(0).benchmarkSource()));
        assertEquals(List.of(), tied.warnings());
        // Estimated concurrency 8 at 3000 rps needs 1 replica: 0.526 against 1.052, so consent plans it.
        Variant.Benchmark cheaper = point("t4", 8, 8, 9.5, 3000, BenchmarkSource.ESTIMATED);
        PlanResult saved = sweep(10, true, C4, cheaper).plan();
        assertEquals(0.526, saved.totalHourlyCostUsd(), 1e-9);
        assertEquals(List.of(8, 1), List.of(saved.placements().get(0).concurrency(),
                saved.placements().get(0).replicas()));
        assertEquals(1, saved.warnings().size());
    }

    @Test
    void anotherConcurrencyOfTheRunningBatchKeepsWhatRunsWithoutASwitchCost() {
        // Running: int8 on gpu at batch 8 (6 replicas, concurrency unknown). Moving to concurrency 16 is a scale of
        // the same workload, not a switch: the $5/h switch cost does not hold it at concurrency 1 (3.156).
        CatalogSnapshot s = sweep(40, false, C1, C4, C16).snapshot()
                .withRunning(List.of(new Running("d", "c1", "int8", "gpu", 8, 6)), 5.0);
        PlanResult plan = new Planner(2, 200).plan(s, Duration.ofSeconds(10));
        assertEquals(List.of(16, 2), List.of(plan.placements().get(0).concurrency(),
                plan.placements().get(0).replicas()));
        assertEquals(1.052, plan.totalHourlyCostUsd(), 1e-9);
    }

    @Test
    void theUnitDigestChangesWithConcurrencySourceAndConsent() {
        String base = digest(sweep(10, false, C4).snapshot());
        assertEquals(base, digest(sweep(10, false, C4).snapshot()), "the same inputs, the same digest");
        assertNotEquals(base, digest(sweep(10, false, C4.at(2, BenchmarkSource.MEASURED)).snapshot()));
        assertNotEquals(base, digest(sweep(10, false, C4.at(4, BenchmarkSource.IMPORTED)).snapshot()));
        assertNotEquals(base, digest(sweep(10, true, C4).snapshot()));
    }

    /** The t4 fleet with one deployment d of p99 budget {@code sloMs} and 3000 rps on cluster c1. */
    private static TinyFleet sweep(double sloMs, boolean allowEstimated, Variant.Benchmark... rows) {
        return fleet().gpu("t4", T4, TinyFleet.T4)
                .variantWithRows("int8", Precision.INT8, 75.9, 25 * MB, rows)
                .cluster("c1", "us-east-1", pool("gpu", "t4", 10))
                .deployment(new Deployment("d", "m", "1.0", new Deployment.Slo(sloMs, null, 1, 0),
                        List.of(demand("c1", 3000)), allowEstimated));
    }

    private static Alternative option(PlanResult plan, int concurrency) {
        List<Alternative> found = plan.alternatives().get(0).options().stream()
                .filter(a -> a.concurrency() != null && a.concurrency() == concurrency).toList();
        assertEquals(1, found.size(), "one option at concurrency " + concurrency);
        return found.get(0);
    }

    private static String digest(CatalogSnapshot snapshot) {
        Planner.Problem problem = Planner.Problem.of(snapshot);
        return UnitDigest.of(problem, problem.unitNames().get(0));
    }
}
