package io.modelfleet.planning;

import static io.modelfleet.planning.TinyFleet.demand;
import static io.modelfleet.planning.TinyFleet.fleet;
import static io.modelfleet.planning.TinyFleet.on;
import static io.modelfleet.planning.TinyFleet.pool;
import static io.modelfleet.planning.TinyFleet.spotPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.PlanResult.Alternative;
import io.modelfleet.planning.PlanResult.Outcome;
import io.modelfleet.planning.PlanResult.PlanStatus;
import io.modelfleet.planning.snapshot.Hardware;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each planning rule alone on a tiny fleet, with the expected cost worked out by hand in the comment.
 * Hardware: t4 = 1 GPU, 4 vCPU, 16 GiB at $0.526/h; c6i = 4 vCPU, 8 GiB at $0.17/h (us-east-1 on-demand).
 */
class PlannerRulesTest {

    private static final long MB = 1_000_000;

    @Test
    void latencyFilterRejectsTheSlowCheapVariant() {
        // fp32 on c6i: p99 30 ms > 20 ms, rejected. int8 on t4: ceil(1500/1000) = 2 replicas, one GPU each:
        // 2 nodes x 0.526 = 1.052.
        PlanResult plan = fleet().gpu("t4", 0.526, TinyFleet.T4).cpu("c6i", 0.17)
                .variant("fp32", Precision.FP32, 76.1, 100 * MB, on("c6i", 30, 100, 0, 2, 2))
                .variant("int8", Precision.INT8, 75.9, 25 * MB, on("t4", 5, 1000, 1, 2, 4))
                .cluster("c1", "us-east-1", pool("cpu", "c6i", 10), pool("gpu", "t4", 10))
                .deployment("d", 20, null, 1, 0, demand("c1", 1500)).plan();
        assertEquals(PlanStatus.OPTIMAL, plan.status());
        assertEquals(1.052, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals(1.052, plan.lowerBoundUsd(), 1e-9);
        PlanResult.Placement p = plan.placements().get(0);
        assertEquals(List.of("int8", "gpu", 2), List.of(p.variantId(), p.pool(), p.replicas()));
        assertEquals(2000.0, p.capacityRps());
        Alternative slow = option(plan, "fp32", "cpu");
        assertEquals(Rule.LATENCY, slow.rule());
        assertEquals("p99 30 ms > SLO 20 ms", slow.reason());
    }

    @Test
    void accuracyFloorIsInTheModelsMetric() {
        // int8 75.9 < 76.0 rejected; fp16: ceil(1500/600) = 3 replicas = 3 t4 nodes = 1.578.
        PlanResult plan = fleet().gpu("t4", 0.526, TinyFleet.T4)
                .variant("int8", Precision.INT8, 75.9, 25 * MB, on("t4", 5, 1000, 1, 2, 4))
                .variant("fp16", Precision.FP16, 76.1, 50 * MB, on("t4", 8, 600, 1, 2, 4))
                .cluster("c1", "us-east-1", pool("gpu", "t4", 10))
                .deployment("d", 20, 76.0, 1, 0, demand("c1", 1500)).plan();
        assertEquals(1.578, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals("fp16", plan.placements().get(0).variantId());
        assertEquals(Rule.ACCURACY, option(plan, "int8", "gpu").rule());
        assertEquals("accuracy 75.9 < SLO 76", option(plan, "int8", "gpu").reason());
    }

    @Test
    void variantWithoutAccuracyFailsASetFloor() {
        PlanResult plan = fleet().gpu("t4", 0.526, TinyFleet.T4)
                .variant("int8", Precision.INT8, null, 25 * MB, on("t4", 5, 1000, 1, 2, 4))
                .cluster("c1", "us-east-1", pool("gpu", "t4", 10))
                .deployment("d", 20, 70.0, 1, 0, demand("c1", 100)).plan();
        assertEquals(PlanStatus.INFEASIBLE, plan.status());
        assertEquals(Rule.ACCURACY, option(plan, "int8", "gpu").rule());
    }

    @Test
    void bf16NeverLandsOnT4AndInt8NeverOnInferentia() {
        // Only bf16 on inf (1 replica using all 4 NeuronCores: 1 node x 0.228) is allowed; int8 on t4 would be
        // 0.526. The snapshot deliberately carries the forbidden benchmarks: the planner must refuse them itself.
        Hardware inf = new Hardware("inf", true, 4, 2, 4, 8, TinyFleet.INFERENTIA,
                List.of(new Hardware.Offering("us-east-1", CapacityType.ON_DEMAND, 0.228)));
        PlanResult plan = fleet().gpu("t4", 0.526, TinyFleet.T4).hardware(inf)
                .variant("bf16", Precision.BF16, 76.0, 50 * MB, on("t4", 1, 5000, 1, 2, 4), on("inf", 10, 1000, 4, 2, 4))
                .variant("int8", Precision.INT8, 75.9, 25 * MB, on("inf", 1, 9000, 1, 1, 1), on("t4", 5, 1000, 1, 2, 4))
                .cluster("c1", "us-east-1", pool("gpu", "t4", 10), pool("neuron", "inf", 10))
                .deployment("d", 20, null, 1, 0, demand("c1", 1000)).plan();
        assertEquals(0.228, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals(List.of("bf16", "inf"), List.of(plan.placements().get(0).variantId(),
                plan.placements().get(0).hardware()));
        assertEquals(Rule.PRECISION_NOT_NATIVE, option(plan, "bf16", "gpu").rule());
        assertEquals("t4 runs FP32, FP16, INT8, not BF16", option(plan, "bf16", "gpu").reason());
        assertEquals(Rule.PRECISION_NOT_NATIVE, option(plan, "int8", "neuron").rule());
        assertEquals(0.298, option(plan, "int8", "gpu").extraHourlyCostUsd(), 1e-9);
    }

    @Test
    void replicaMustFitANodeAndArtifactTheAcceleratorMemory() {
        // big on c6i needs 16 GiB per replica, a c6i has 8: rejected. huge (20 GB) exceeds the t4's 16 GiB.
        // big on t4: 1 replica, 1 node = 0.526.
        PlanResult plan = fleet().gpu("t4", 0.526, TinyFleet.T4).cpu("c6i", 0.17)
                .variant("big", Precision.FP32, 76.0, 100 * MB, on("c6i", 10, 100, 0, 2, 16), on("t4", 10, 100, 1, 2, 8))
                .variant("huge", Precision.INT8, 76.0, 20L * 1024 * 1024 * 1024, on("t4", 2, 1000, 1, 2, 4))
                .cluster("c1", "us-east-1", pool("cpu", "c6i", 10), pool("gpu", "t4", 10))
                .deployment("d", 20, null, 1, 0, demand("c1", 100)).plan();
        assertEquals(0.526, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals(Rule.REPLICA_DOES_NOT_FIT, option(plan, "big", "cpu").rule());
        assertEquals(Rule.ARTIFACT_TOO_LARGE, option(plan, "huge", "gpu").rule());
    }

    @Test
    void replicasRoundUpAfterHeadroom() {
        // 1000 x 1.2 / 500 = 2.4 -> 3 replicas of 2 vCPU; two per c6i: 2 nodes = 0.34.
        PlanResult plan = cpuOnly(1000, 0.2, 1);
        assertEquals(3, plan.placements().get(0).replicas());
        assertEquals(0.34, plan.totalHourlyCostUsd(), 1e-9);
        // 300 x 1.1 / 110 is 3.0000000000000004 in floating point: still 3 replicas, not 4.
        assertEquals(3, CandidateGenerator.replicas(300, new io.modelfleet.planning.snapshot.Deployment.Slo(
                20, null, 1, 0.1), 110));
        // Exactly 1000 / 500 = 2 replicas: 1 node = 0.17.
        assertEquals(0.17, cpuOnly(1000, 0, 1).totalHourlyCostUsd(), 1e-9);
    }

    @Test
    void minReplicasRaisesTheCount() {
        // ceil(10/500) = 1, minReplicas 3 -> 3 replicas -> 2 nodes = 0.34.
        PlanResult plan = cpuOnly(10, 0, 3);
        assertEquals(3, plan.placements().get(0).replicas());
        assertEquals(0.34, plan.totalHourlyCostUsd(), 1e-9);
    }

    @Test
    void maxNodesForcesADearerPool() {
        // int8 on c6i: 400/100 = 4 replicas, 2 per node = 2 nodes = 0.34; on t4: 1 replica = 0.526.
        // With c6i capped at 1 node, the t4 (0.526) is the only way.
        PlanResult free = twoPools(10);
        assertEquals(0.34, free.totalHourlyCostUsd(), 1e-9);
        assertEquals(0.186, option(free, "int8", "gpu").extraHourlyCostUsd(), 1e-9);
        assertEquals(PlanResult.CostBasis.EXACT, option(free, "int8", "gpu").costBasis());
        PlanResult capped = twoPools(1);
        assertEquals(0.526, capped.totalHourlyCostUsd(), 1e-9);
        assertEquals("gpu", capped.placements().get(0).pool());
        assertEquals(Rule.MAX_NODES, option(capped, "int8", "cpu").rule());
    }

    @Test
    void twoDeploymentsShareANodeWhenThatIsCheaper() {
        // Each needs one 2-vCPU replica; both fit one 4-vCPU c6i: 1 node = 0.17, split 0.085 each.
        PlanResult plan = fleet().cpu("c6i", 0.17)
                .variant("int8", Precision.INT8, 76.0, 25 * MB, on("c6i", 5, 100, 0, 2, 2))
                .cluster("c1", "us-east-1", pool("cpu", "c6i", 10))
                .deployment("a", 20, null, 1, 0, demand("c1", 100))
                .deployment("b", 20, null, 1, 0, demand("c1", 100)).plan();
        assertEquals(0.17, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals(1, plan.nodes().get(0).count());
        assertEquals(List.of(new PlanResult.NodeShare("a", 1), new PlanResult.NodeShare("b", 1)),
                plan.nodes().get(0).perNode().get(0));
        assertEquals(0.085, plan.placements().get(0).hourlyCostUsd(), 1e-9);
        assertEquals(0.085, plan.placements().get(1).hourlyCostUsd(), 1e-9);
    }

    @Test
    void spotOfferingWinsWhenCheaper() {
        // Same c6i in an on-demand pool (0.17) and a spot pool (0.06): 1 replica -> 1 spot node = 0.06.
        Hardware c6i = new Hardware("c6i", false, 0, 0, 4, 8, TinyFleet.CPU_VNNI, List.of(
                new Hardware.Offering("us-east-1", CapacityType.ON_DEMAND, 0.17),
                new Hardware.Offering("us-east-1", CapacityType.SPOT, 0.06)));
        PlanResult plan = fleet().hardware(c6i)
                .variant("int8", Precision.INT8, 76.0, 25 * MB, on("c6i", 5, 100, 0, 2, 2))
                .cluster("c1", "us-east-1", pool("od", "c6i", 10), spotPool("spot", "c6i", 10))
                .deployment("d", 20, null, 1, 0, demand("c1", 100)).plan();
        assertEquals(0.06, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals("spot", plan.placements().get(0).pool());
        assertEquals(CapacityType.SPOT, plan.nodes().get(0).capacityType());
        assertEquals(0.11, option(plan, "int8", "od").extraHourlyCostUsd(), 1e-9);
    }

    @Test
    void regionWithoutAnOfferingIsRejected() {
        // t4 is offered only in us-east-1; the cluster is in eu-west-1 where c6i costs 0.19: 1 node = 0.19.
        Hardware c6i = new Hardware("c6i", false, 0, 0, 4, 8, TinyFleet.CPU_VNNI,
                List.of(new Hardware.Offering("eu-west-1", CapacityType.ON_DEMAND, 0.19)));
        PlanResult plan = fleet().gpu("t4", 0.526, TinyFleet.T4).hardware(c6i)
                .variant("int8", Precision.INT8, 76.0, 25 * MB, on("t4", 2, 1000, 1, 2, 4), on("c6i", 5, 100, 0, 2, 2))
                .cluster("eu", "eu-west-1", pool("gpu", "t4", 10), pool("cpu", "c6i", 10))
                .deployment("d", 20, null, 1, 0, demand("eu", 100)).plan();
        assertEquals(0.19, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals(Rule.NO_OFFERING, option(plan, "int8", "gpu").rule());
        assertEquals("t4 has no ON_DEMAND offering in eu-west-1", option(plan, "int8", "gpu").reason());
    }

    @Test
    void infeasiblePairIsReportedWithEveryReasonWhileTheRestIsPlaced() {
        PlanResult plan = fleet().gpu("t4", 0.526, TinyFleet.T4).cpu("c6i", 0.17)
                .variant("int8", Precision.INT8, 76.0, 25 * MB, on("c6i", 5, 100, 0, 2, 2))
                .cluster("c1", "us-east-1", pool("cpu", "c6i", 10), pool("gpu", "t4", 10))
                .deployment("fast", 1, null, 1, 0, demand("c1", 100))
                .deployment("ok", 20, null, 1, 0, demand("c1", 100)).plan();
        assertEquals(PlanStatus.OPTIMAL, plan.status());
        assertEquals(0.17, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals(List.of("ok"), plan.placements().stream().map(PlanResult.Placement::deployment).toList());
        PlanResult.Unplaced fast = plan.unplaced().get(0);
        assertEquals("fast", fast.deployment());
        assertEquals(List.of(
                "LATENCY: INT8 variant int8 on pool cpu (c6i) batch 1: p99 5 ms > SLO 1 ms",
                "NO_BENCHMARK: INT8 variant int8 on pool gpu (t4): variant was not benchmarked on t4"),
                fast.reasons());
    }

    @Test
    void nothingPlaceableIsInfeasible() {
        PlanResult plan = fleet().cpu("c6i", 0.17)
                .variant("int8", Precision.INT8, 76.0, 25 * MB, on("c6i", 5, 100, 0, 2, 2))
                .cluster("c1", "us-east-1", pool("cpu", "c6i", 10))
                .deployment("d", 1, null, 1, 0, demand("c1", 100), demand("nowhere", 5)).plan();
        assertEquals(PlanStatus.INFEASIBLE, plan.status());
        assertEquals(0.0, plan.totalHourlyCostUsd());
        assertEquals("UNKNOWN_CLUSTER: cluster 'nowhere' is not in the catalog",
                plan.unplaced().get(1).reasons().get(0));
    }

    @Test
    void baselinesShowWhatCompressionAndHeterogeneitySave() {
        // fast (p99 5): only fp32 on t4 (p99 4) qualifies: 1 replica = 0.526. slow (p99 20): int8 on c6i,
        // 400/200 = 2 replicas = 1 node = 0.17. Plan: 0.696.
        // fp32-only: fast 0.526; slow: fp32 on c6i 400/50 = 8 replicas = 4 nodes = 0.68, or on t4 1 replica =
        // 0.526 -> 1.052. Single hardware: t4 only places both on 2 nodes (1.052); c6i only cannot place fast,
        // and placing more wins -> t4, 1.052.
        PlanResult plan = fleet().gpu("t4", 0.526, TinyFleet.T4).cpu("c6i", 0.17)
                .variant("fp32", Precision.FP32, 76.1, 100 * MB, on("c6i", 10, 50, 0, 2, 2), on("t4", 4, 400, 1, 2, 4))
                .variant("int8", Precision.INT8, 75.9, 25 * MB, on("c6i", 6, 200, 0, 2, 2))
                .cluster("c1", "us-east-1", pool("cpu", "c6i", 10), pool("gpu", "t4", 10))
                .deployment("fast", 5, null, 1, 0, demand("c1", 400))
                .deployment("slow", 20, null, 1, 0, demand("c1", 400)).plan();
        assertEquals(0.696, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals(1.052, plan.baselines().fp32Only().totalHourlyCostUsd(), 1e-9);
        assertEquals(List.of(), plan.baselines().fp32Only().unplaced());
        assertEquals(1.052, plan.baselines().singleHardware().totalHourlyCostUsd(), 1e-9);
        assertEquals(Map.of("c1", "t4"), plan.baselines().singleHardware().hardwareByCluster());
    }

    @Test
    void baselineReasonsOnlyMentionWhatTheBaselineMayUse() {
        // int8 on t4 serves it (1 node, 0.526); fp32 is too slow, so the fp32-only baseline places nothing and
        // says why with the FP32 option alone.
        PlanResult plan = fleet().gpu("t4", 0.526, TinyFleet.T4)
                .variant("fp32", Precision.FP32, 76.1, 100 * MB, on("t4", 30, 400, 1, 2, 4))
                .variant("int8", Precision.INT8, 75.9, 25 * MB, on("t4", 5, 1000, 1, 2, 4))
                .cluster("c1", "us-east-1", pool("gpu", "t4", 10))
                .deployment("d", 20, null, 1, 0, demand("c1", 100)).plan();
        assertEquals(0.526, plan.totalHourlyCostUsd(), 1e-9);
        PlanResult.Baseline fp32 = plan.baselines().fp32Only();
        assertEquals(0.0, fp32.totalHourlyCostUsd());
        assertEquals(List.of(new PlanResult.Unplaced("d", "c1",
                List.of("LATENCY: FP32 variant fp32 on pool gpu (t4) batch 1: p99 30 ms > SLO 20 ms"))), fp32.unplaced());
    }

    @Test
    void aServiceQuotaCouplesTheClustersOfOneAccountAndRegion() {
        // Two clusters in us-east-1, one deployment each at 300 rps. int8 on g4dn.xlarge (T4, 4 vCPU): 1 replica
        // = 1 node = 0.526;
        // on c6i at 40 rps: 8 replicas, 2 per node = 4 nodes = 0.68. Unconstrained: both on t4 = 1.052.
        // A G-and-VT on-demand quota of 4 vCPUs allows one 4-vCPU t4 node in the region: one deployment on
        // t4 (0.526), the other on c6i (0.68) = 1.206, and the quota is binding (4 of 4).
        assertEquals(1.052, quotaFleet(List.of(), 10).totalHourlyCostUsd(), 1e-9);
        PlanResult limited = quotaFleet(List.of(new io.modelfleet.planning.snapshot.Quota(null, "us-east-1",
                "L-DB2E81BA", 4)), 10);
        assertEquals(1.206, limited.totalHourlyCostUsd(), 1e-9);
        assertEquals(1, limited.placements().stream().filter(p -> p.hardware().equals("g4dn.xlarge")).count());
        assertEquals(List.of(new PlanResult.QuotaUse(null, "us-east-1", "L-DB2E81BA",
                "Running On-Demand G and VT instances", 4, 4, true)), limited.quotas());
        PlanResult roomy = quotaFleet(List.of(new io.modelfleet.planning.snapshot.Quota(null, "us-east-1",
                "L-DB2E81BA", 12)), 10);
        assertEquals(1.052, roomy.totalHourlyCostUsd(), 1e-9);
        assertEquals(false, roomy.quotas().get(0).binding(), "8 of 12 vCPUs: another t4 node would still fit");
        PlanResult otherAccount = quotaFleet(List.of(new io.modelfleet.planning.snapshot.Quota("123456789012",
                "us-east-1", "L-DB2E81BA", 4)), 10);
        assertEquals(1.052, otherAccount.totalHourlyCostUsd(), 1e-9, "another account's quota does not apply");
    }

    @Test
    void aPairLeftOutByAQuotaSaysWhichQuotaBoundIt() {
        // As above, but c6i capped at 3 nodes (8 replicas need 4): only the t4 can serve, and the quota allows
        // one t4 node, so one deployment is placed (0.526) and the other is unplaced naming the quota.
        PlanResult plan = quotaFleet(List.of(new io.modelfleet.planning.snapshot.Quota(null, "us-east-1",
                "L-DB2E81BA", 4)), 3);
        assertEquals(0.526, plan.totalHourlyCostUsd(), 1e-9);
        assertEquals(1, plan.unplaced().size());
        String reason = plan.unplaced().get(0).reasons().get(0);
        assertTrue(reason.startsWith("CAPACITY: it fits alone on gpu (g4dn.xlarge, maxNodes 10)"), reason);
        assertTrue(reason.endsWith("; binding quota L-DB2E81BA (Running On-Demand G and VT instances) in us-east-1:"
                + " 4 of 4.0 vCPUs used"), reason);
    }

    private static PlanResult quotaFleet(List<io.modelfleet.planning.snapshot.Quota> quotas, int cpuMaxNodes) {
        TinyFleet f = fleet().gpu("g4dn.xlarge", 0.526, TinyFleet.T4).cpu("c6i.xlarge", 0.17)
                .variant("int8", Precision.INT8, 76.0, 25 * MB, on("g4dn.xlarge", 2, 1000, 1, 2, 4),
                        on("c6i.xlarge", 5, 40, 0, 2, 2))
                .cluster("c1", "us-east-1", pool("gpu", "g4dn.xlarge", 10), pool("cpu", "c6i.xlarge", cpuMaxNodes))
                .cluster("c2", "us-east-1", pool("gpu", "g4dn.xlarge", 10), pool("cpu", "c6i.xlarge", cpuMaxNodes))
                .deployment("a", 20, null, 1, 0, demand("c1", 300))
                .deployment("b", 20, null, 1, 0, demand("c2", 300));
        var s = f.snapshot();
        return new Planner(2, 200).plan(new io.modelfleet.planning.snapshot.CatalogSnapshot(s.hardware(),
                s.variants(), s.clusters(), s.deployments(), quotas), java.time.Duration.ofSeconds(10));
    }

    @Test
    void theSameSnapshotGivesTheSamePlan() {
        var snapshot = RandomFleets.fleet(new java.util.Random(42), 3, 6);
        Planner planner = new Planner(2, 50);
        PlanResult first = planner.plan(snapshot, java.time.Duration.ofSeconds(20));
        PlanResult second = planner.plan(snapshot, java.time.Duration.ofSeconds(20));
        assertEquals(first.placements(), second.placements());
        assertEquals(first.nodes(), second.nodes());
        assertEquals(first.unplaced(), second.unplaced());
        assertEquals(first.alternatives(), second.alternatives());
        assertEquals(first.baselines(), second.baselines());
        assertEquals(first.totalHourlyCostUsd(), second.totalHourlyCostUsd());
        assertTrue(first.placements().size() > 0);
    }

    private static PlanResult cpuOnly(double rps, double headroom, int minReplicas) {
        return fleet().cpu("c6i", 0.17)
                .variant("int8", Precision.INT8, 76.0, 25 * MB, on("c6i", 5, 500, 0, 2, 2))
                .cluster("c1", "us-east-1", pool("cpu", "c6i", 10))
                .deployment("d", 20, null, minReplicas, headroom, demand("c1", rps)).plan();
    }

    private static PlanResult twoPools(int cpuMaxNodes) {
        return fleet().gpu("t4", 0.526, TinyFleet.T4).cpu("c6i", 0.17)
                .variant("int8", Precision.INT8, 76.0, 25 * MB, on("c6i", 5, 100, 0, 2, 2), on("t4", 2, 1000, 1, 2, 4))
                .cluster("c1", "us-east-1", pool("cpu", "c6i", cpuMaxNodes), pool("gpu", "t4", 10))
                .deployment("d", 20, null, 1, 0, demand("c1", 400)).plan();
    }

    private static Alternative option(PlanResult plan, String variant, String pool) {
        return plan.alternatives().stream().flatMap(a -> a.options().stream())
                .filter(o -> o.variantId().equals(variant) && o.pool().equals(pool)).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + variant + " on " + pool));
    }
}
