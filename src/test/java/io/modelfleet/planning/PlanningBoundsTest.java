package io.modelfleet.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Quota;
import io.modelfleet.planning.snapshot.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Catalogs at and beyond {@link PlanningBounds}, as a database written before the API's bounds could hold them:
 * the plan still comes back inside its time limit, with an exact 64-bit objective, and what is beyond a bound is
 * reported unplaced with the bound named.
 */
class PlanningBoundsTest {

    /** Baselines and explanations may run this much past the limit (PlanningBounds.GRACE_MILLIS), plus assembly. */
    private static final double GRACE_SECONDS = 2;
    private static final String ACCOUNT = "111111111111";
    private static final String REGION = "us-east-1";
    /** A node at every per-node bound, at the highest price the planner accepts. */
    private static final Hardware HUGE = new Hardware("m7i.huge", false, 0, 0, PlanningBounds.MAX_VCPUS_PER_NODE,
            PlanningBounds.MAX_MEMORY_GIB_PER_NODE, Set.of(Precision.FP32),
            List.of(new Hardware.Offering(REGION, CapacityType.ON_DEMAND, PlanningBounds.MAX_HOURLY_PRICE_USD)));

    @Test
    void extremeCatalogSolvesInsideTheDeadlineWithAnExactObjective() {
        // 4 clusters coupled by one quota into a single solve, 8 pools each whose maxNodes is Integer.MAX_VALUE
        // (beyond the API's bound: the old objective weight price x maxNodes overflowed a long), and 8
        // deployments each needing 10,000 whole nodes on every cluster: 32 pools of 10,000 nodes at 10,000 USD.
        CatalogSnapshot snapshot = wholeNodeFleet(4, 8, 8);
        Planner planner = Planner.withDefaults();

        long started = System.nanoTime();
        PlanResult plan = planner.plan(snapshot, Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertTrue(seconds < 10 + GRACE_SECONDS, "the plan took " + seconds + " s for a 10 s limit");
        assertEquals(List.of(), plan.unplaced());
        assertEquals(32, plan.placements().size());
        // 32 pools x 10,000 nodes x 10,000 USD an hour.
        assertEquals(3.2e9, plan.totalHourlyCostUsd());
        assertTrue(plan.placements().stream().allMatch(p -> p.replicas() == 10_000 && p.hourlyCostUsd() == 1e8));
    }

    @Test
    void aUnitWhoseObjectiveWouldPassTheBoundIsUnplacedWithTheBoundNamed() {
        // 8 clusters x 16 pools x 12 deployments: BIG = 128 x 10^14, times 96 pairs, is above 2^58.
        Planner planner = Planner.withDefaults();
        long started = System.nanoTime();
        PlanResult plan = planner.plan(wholeNodeFleet(8, 16, 12), Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertTrue(seconds < 10 + GRACE_SECONDS, "the plan took " + seconds + " s for a 10 s limit");
        assertEquals(List.of(), plan.placements());
        assertEquals(96, plan.unplaced().size());
        assertEquals(List.of("PLANNING_BOUND: cluster 'c0' was not solved: 96 pairs over 128 pools make an objective"
                + " beyond 64 bits (at most 1241600000000000096 micro-dollars, above 288230376151711744); plan fewer"
                + " deployments at once or split the pools"), plan.unplaced().get(0).reasons());
    }

    /** Clusters in one account and region (one quota couples them), each pool of maxNodes Integer.MAX_VALUE. */
    private static CatalogSnapshot wholeNodeFleet(int clusterCount, int poolsPerCluster, int deploymentCount) {
        List<Cluster> clusters = new ArrayList<>();
        for (int c = 0; c < clusterCount; c++) {
            List<Cluster.NodePool> pools = new ArrayList<>();
            for (int p = 0; p < poolsPerCluster; p++) {
                pools.add(new Cluster.NodePool("pool-" + (char) ('a' + p), HUGE.name(), CapacityType.ON_DEMAND,
                        Integer.MAX_VALUE));
            }
            clusters.add(new Cluster("c" + c, REGION, pools, ACCOUNT));
        }
        Variant wholeNode = new Variant("v-whole", "m", "1.0", Precision.FP32, List.of(), 1, null, List.of(
                new Variant.Benchmark(HUGE.name(), 1, 10, 1.0, 0, PlanningBounds.MAX_VCPUS_PER_NODE, 1)));
        List<Deployment> deployments = new ArrayList<>();
        for (int d = 0; d < deploymentCount; d++) {
            deployments.add(deployment("d" + (char) ('a' + d), clusters, 10_000));
        }
        return new CatalogSnapshot(List.of(HUGE), List.of(wholeNode), clusters, deployments,
                List.of(new Quota(ACCOUNT, REGION, "L-1216C47A", 1e10)));
    }

    @Test
    void inputsBeyondTheBoundsAreUnplacedWithTheBoundNamed() {
        Hardware pricey = new Hardware("m7i.pricey", false, 0, 0, 4, 16, Set.of(Precision.FP32),
                List.of(new Hardware.Offering(REGION, CapacityType.ON_DEMAND, 1e300)));
        Hardware oversized = new Hardware("m7i.oversized", false, 0, 0, Integer.MAX_VALUE, 1e12,
                Set.of(Precision.FP32), List.of(new Hardware.Offering(REGION, CapacityType.ON_DEMAND, 1)));
        Cluster cluster = new Cluster("c", REGION, List.of(
                new Cluster.NodePool("huge", HUGE.name(), CapacityType.ON_DEMAND, 10),
                new Cluster.NodePool("pricey", pricey.name(), CapacityType.ON_DEMAND, 10),
                new Cluster.NodePool("oversized", oversized.name(), CapacityType.ON_DEMAND, 10)));
        Variant slow = new Variant("v-slow", "m", "1.0", Precision.FP32, List.of(), 1, null, List.of(
                new Variant.Benchmark(HUGE.name(), 1, 10, 0.001, 0, 1, 1),
                new Variant.Benchmark(pricey.name(), 1, 10, 1000, 0, 1, 1),
                new Variant.Benchmark(oversized.name(), 1, 10, 1000, 0, 1, 1)));
        CatalogSnapshot snapshot = new CatalogSnapshot(List.of(HUGE, pricey, oversized), List.of(slow),
                List.of(cluster), List.of(deployment("d", List.of(cluster), 5_000)));

        Planner planner = Planner.withDefaults();
        long started = System.nanoTime();
        PlanResult plan = planner.plan(snapshot, Duration.ofSeconds(5));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertTrue(seconds < 5, "the plan took " + seconds + " s");
        assertEquals(List.of(), plan.placements());
        assertEquals(1, plan.unplaced().size());
        List<String> reasons = plan.unplaced().get(0).reasons();
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("PLANNING_BOUND: FP32 variant v-slow on pool huge (m7i.huge) batch 1:"
                + " demand 5000 rps needs 5000000 replicas"), reasons.get(0));
        assertTrue(reasons.get(1).contains("PLANNING_BOUND") && reasons.get(1).contains("hourly price 1.0E300 USD"),
                reasons.get(1));
        assertTrue(reasons.get(2).contains("PLANNING_BOUND") && reasons.get(2).contains("larger than the planner's"
                + " node bound"), reasons.get(2));
    }

    @Test
    void tinyReplicasOnAHugeNodeEndThePatternSearchAtItsStepBound() {
        // Millicore-sized replicas of two shapes on a 4,096-vCPU node: millions of count vectors to walk, few
        // maximal ones. The search stops at its step bound and the node-by-node model places the 3 replicas.
        Cluster cluster = new Cluster("c", REGION, List.of(new Cluster.NodePool("huge", HUGE.name(),
                CapacityType.ON_DEMAND, 1_000)));
        Variant tiny = new Variant("v-tiny", "m", "1.0", Precision.FP32, List.of(), 1, null, List.of(
                new Variant.Benchmark(HUGE.name(), 1, 10, 1, 0, 0.001, 0.001),
                new Variant.Benchmark(HUGE.name(), 2, 10, 1, 0, 0.002, 0.003)));
        CatalogSnapshot snapshot = new CatalogSnapshot(List.of(HUGE), List.of(tiny), List.of(cluster),
                List.of(deployment("d", List.of(cluster), 3)));

        Planner planner = Planner.withDefaults();
        long started = System.nanoTime();
        PlanResult plan = planner.plan(snapshot, Duration.ofSeconds(5));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertTrue(seconds < 5, "the plan took " + seconds + " s");
        assertEquals(1, plan.placements().size());
        assertEquals(3, plan.placements().get(0).replicas());
        assertEquals(10_000.0, plan.totalHourlyCostUsd());
    }

    private static Deployment deployment(String name, List<Cluster> clusters, double rps) {
        return new Deployment(name, "m", "1.0", new Deployment.Slo(100, null, 1, 0),
                clusters.stream().map(c -> new Deployment.Demand(c.name(), rps)).toList());
    }
}
