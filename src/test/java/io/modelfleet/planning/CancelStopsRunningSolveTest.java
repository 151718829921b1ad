package io.modelfleet.planning;

import static io.modelfleet.planning.TinyFleet.demand;
import static io.modelfleet.planning.TinyFleet.fleet;
import static io.modelfleet.planning.TinyFleet.on;
import static io.modelfleet.planning.TinyFleet.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Hardware;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Design 004, I7: a cancel stops a CP-SAT search that is already running (not only the solves not yet started),
 * and the plan keeps the best solution that search had found.
 */
class CancelStopsRunningSolveTest {

    private static final long MB = 1_000_000;

    /**
     * One cluster (one unit), 60 deployments whose replicas of odd sizes pack onto big nodes of two prices: CP-SAT
     * finds solutions at once but does not prove the cheapest packing within a minute.
     */
    static CatalogSnapshot hardToProve() {
        TinyFleet f = fleet()
                .hardware(big("m64", 64, 256, 2.30))
                .hardware(big("c48", 48, 96, 1.71))
                .variant("int8", Precision.INT8, 75.9, 25 * MB, on("m64", 9, 97, 0, 7, 13), on("c48", 9, 83, 0, 5, 11))
                .variant("fp32", Precision.FP32, 76.1, 90 * MB, on("m64", 9, 61, 0, 11, 29), on("c48", 9, 53, 0, 9, 7))
                .cluster("k", "us-east-1", pool("m", "m64", 200), pool("c", "c48", 200));
        java.util.Random random = new java.util.Random(11);
        for (int d = 0; d < 150; d++) {
            f.deployment("d" + d, 10, null, 1, 0, demand("k", 100 + random.nextInt(900)));
        }
        return f.snapshot();
    }

    private static Hardware big(String name, int vcpus, int memoryGiB, double price) {
        return new Hardware(name, false, 0, 0, vcpus, memoryGiB, EnumSet.of(Precision.FP32, Precision.INT8),
                List.of(new Hardware.Offering("us-east-1", CapacityType.ON_DEMAND, price)));
    }

    @Test
    void aCancelStopsTheRunningSearchAndKeepsItsBestSolution() throws Exception {
        Deadline deadline = Deadline.in(Duration.ofSeconds(60));
        long started = System.nanoTime();
        CompletableFuture<PlanResult> planning = CompletableFuture.supplyAsync(
                () -> new Planner(1, 200).plan(hardToProve(), deadline, PlanProgress.Listener.NONE));
        Thread.sleep(1_000);
        assertFalse(planning.isDone(), "the solve must still run when the cancel comes, or this proves nothing");
        long cancelledAt = System.nanoTime();
        deadline.cancel();
        PlanResult plan = planning.get(10, TimeUnit.SECONDS);
        double afterCancel = (System.nanoTime() - cancelledAt) / 1e9;
        System.out.printf("cancelled after %.1f s, ended %.2f s later%n", (cancelledAt - started) / 1e9, afterCancel);
        assertTrue(afterCancel < 2.0, "ended " + afterCancel + " s after the cancel");
        assertEquals(PlanResult.PlanStatus.FEASIBLE, plan.status());
        assertEquals(150, plan.placements().size(), "the search's incumbent places every pair");
        assertTrue(plan.unplaced().isEmpty());
    }

    /** Design 004, I11: units skipped for lack of time are not counted as solved, nor their cost as a bound. */
    @Test
    void progressAfterACancelCountsOnlyTheUnitsSolved() {
        TinyFleet twoClusters = fleet().gpu("t4", 0.526, TinyFleet.T4)
                .variant("int8", Precision.INT8, 75.9, 25 * MB, on("t4", 5, 1000, 1, 2, 4))
                .cluster("c1", "us-east-1", pool("gpu", "t4", 10))
                .cluster("c2", "us-east-1", pool("gpu", "t4", 10))
                .deployment("d", 20, null, 1, 0, demand("c1", 1500), demand("c2", 1500));
        java.util.List<PlanProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Deadline deadline = Deadline.in(Duration.ofSeconds(10));
        deadline.cancel();
        new Planner(2, 200).plan(twoClusters.snapshot(), deadline, seen::add);
        assertEquals(new PlanProgress(0, 2, null, null, null, PlanProgress.Phase.ALTERNATIVES),
                seen.get(seen.size() - 1));
    }
}
