package io.modelfleet.planning;

import static io.modelfleet.planning.TinyFleet.demand;
import static io.modelfleet.planning.TinyFleet.fleet;
import static io.modelfleet.planning.TinyFleet.on;
import static io.modelfleet.planning.TinyFleet.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.catalog.domain.Precision;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The whole-request deadline (design 004, I4) and progress: int8 on t4 at 1500 rps is 2 nodes, $1.052/h, in
 * each of two clusters (two units).
 */
class DeadlineTest {

    private static final long MB = 1_000_000;

    private static TinyFleet twoClusters() {
        return fleet().gpu("t4", 0.526, TinyFleet.T4)
                .variant("int8", Precision.INT8, 75.9, 25 * MB, on("t4", 5, 1000, 1, 2, 4))
                .cluster("c1", "us-east-1", pool("gpu", "t4", 10))
                .cluster("c2", "us-east-1", pool("gpu", "t4", 10))
                .deployment("d", 20, null, 1, 0, demand("c1", 1500), demand("c2", 1500));
    }

    @Test
    void progressCountsUnitsThenPhasesAndACompleteBaselineIsNotPartial() {
        List<PlanProgress> seen = new CopyOnWriteArrayList<>();
        PlanResult plan = new Planner(2, 200).plan(twoClusters().snapshot(), Deadline.in(Duration.ofSeconds(10)),
                seen::add);
        assertEquals(2.104, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals(new PlanProgress(0, 2, null, null, null, PlanProgress.Phase.SOLVING), seen.get(0));
        assertEquals(new PlanProgress(2, 2, 2.104, 2.104, 0.0, PlanProgress.Phase.ALTERNATIVES),
                seen.get(seen.size() - 1));
        assertEquals(PlanProgress.Phase.BASELINES, seen.get(seen.size() - 2).phase());
        assertEquals(2, Planner.units(twoClusters().snapshot()));
        assertNull(plan.baselines().singleHardware().partial());
    }

    @Test
    void aCancelledDeadlineSolvesNothingMoreAndMarksTheBaselinesPartial() {
        Deadline deadline = Deadline.in(Duration.ofSeconds(10));
        deadline.cancel();
        PlanResult plan = new Planner(2, 200).plan(twoClusters().snapshot(), deadline, PlanProgress.Listener.NONE);
        assertEquals(PlanResult.PlanStatus.FEASIBLE, plan.status());
        assertTrue(plan.placements().isEmpty());
        assertTrue(plan.unplaced().stream().allMatch(u -> u.reasons().get(0).startsWith("TIME_LIMIT")));
        for (PlanResult.Baseline b : List.of(plan.baselines().fp32Only(), plan.baselines().singleHardware())) {
            assertEquals(Boolean.TRUE, b.partial());
            assertEquals("the time limit ran out before 2 of 2 unit(s) were solved under this restriction; the cost"
                    + " covers the others", b.reason());
        }
    }
}
