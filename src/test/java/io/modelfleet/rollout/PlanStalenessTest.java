package io.modelfleet.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Cluster.NodePool;
import io.modelfleet.planning.snapshot.Deployment;
import io.modelfleet.planning.snapshot.Deployment.Demand;
import io.modelfleet.planning.snapshot.Deployment.Slo;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Variant;
import io.modelfleet.planning.snapshot.Variant.Benchmark;
import io.modelfleet.plans.PlanEntity;
import io.modelfleet.plans.PlanJson;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A plan of deployment 'resnet-prod' (resnet50 1.0.0, demand on prod-use1 and prod-usw2) with two 1.0.0 variants
 * and one 2.0.0 variant; each test changes one thing in "now" and expects exactly its line.
 */
class PlanStalenessTest {

    private static final String INT8 = "00000000-0000-0000-0000-000000000001";
    private static final String FP16 = "00000000-0000-0000-0000-000000000002";
    private static final String NEXT = "00000000-0000-0000-0000-000000000003";
    private static final Map<String, String> AT_1_0_0 = Map.of("resnet-prod", "1.0.0");

    private static final Benchmark T4_BATCH_8 = new Benchmark("g4dn.xlarge", 8, 7.1, 1800, 1, 2, 4);
    private static final Variant INT8_V = new Variant(INT8, "resnet50", "1.0.0", Precision.INT8,
            List.of(Compression.QUANTIZATION), 25_000_000, 75.9, List.of(T4_BATCH_8));
    private static final Variant FP16_V = new Variant(FP16, "resnet50", "1.0.0", Precision.FP16, List.of(),
            50_000_000, 76.1, List.of(new Benchmark("g4dn.xlarge", 8, 9.0, 1200, 1, 2, 4)));
    private static final Variant NEXT_V = new Variant(NEXT, "resnet50", "2.0.0", Precision.INT8, List.of(),
            25_000_000, 77.0, List.of(T4_BATCH_8));
    private static final Deployment DEPLOYMENT = new Deployment("resnet-prod", "resnet50", "1.0.0",
            new Slo(20.0, 75.0, 1, 0.0), List.of(new Demand("prod-use1", 5000), new Demand("prod-usw2", 500)));
    private static final Cluster USE1 = new Cluster("prod-use1", "us-east-1", List.of(
            new NodePool("t4", "g4dn.xlarge", CapacityType.ON_DEMAND, 10),
            new NodePool("cpu", "c6i.xlarge", CapacityType.ON_DEMAND, 4)));
    private static final Cluster USW2 = new Cluster("prod-usw2", "us-west-2", List.of(
            new NodePool("t4", "g4dn.xlarge", CapacityType.SPOT, 3)));

    private static final CatalogSnapshot PLANNED = new CatalogSnapshot(
            List.of(new Hardware("g4dn.xlarge", true, 1, 16, 4, 16, java.util.Set.of(Precision.INT8, Precision.FP16),
                    List.of(new Hardware.Offering("us-east-1", CapacityType.ON_DEMAND, 0.526)))),
            List.of(INT8_V, FP16_V, NEXT_V), List.of(USE1, USW2), List.of(DEPLOYMENT));

    private static CurrentInputs now(List<Variant> variants, List<Deployment> deployments, List<Cluster> clusters) {
        return new CurrentInputs(byKey(variants, Variant::id), byKey(deployments, Deployment::name),
                byKey(clusters, Cluster::name));
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity()));
    }

    private static List<String> changes(CurrentInputs now) {
        return PlanStaleness.changes(PLANNED, AT_1_0_0, now);
    }

    private static Deployment deploymentWith(Slo slo, List<Demand> demand, String version) {
        return new Deployment("resnet-prod", "resnet50", version, slo, demand);
    }

    private static Variant int8With(double accuracy, List<Benchmark> benchmarks) {
        return new Variant(INT8, "resnet50", "1.0.0", Precision.INT8, List.of(Compression.QUANTIZATION), 25_000_000,
                accuracy, benchmarks);
    }

    @Test
    void nothingChangedIsNoChange() {
        assertEquals(List.of(), changes(now(List.of(INT8_V, FP16_V, NEXT_V), List.of(DEPLOYMENT),
                List.of(USE1, USW2))));
    }

    @Test
    void aTighterLatencyBudgetIsNamedWithBothValues() {
        Deployment tighter = deploymentWith(new Slo(15.0, 75.0, 1, 0.0), DEPLOYMENT.demand(), "1.0.0");
        assertEquals(List.of("deployment 'resnet-prod': slo.p99LatencyMs 20.0 -> 15.0"),
                changes(now(List.of(INT8_V, FP16_V, NEXT_V), List.of(tighter), List.of(USE1, USW2))));
    }

    @Test
    void everySloFieldIsComparedAndARemovedAccuracyFloorReadsNone() {
        Deployment changed = deploymentWith(new Slo(20.0, null, 2, 0.25), DEPLOYMENT.demand(), "1.0.0");
        assertEquals(List.of("deployment 'resnet-prod': slo.minAccuracy 75.0 -> none",
                "deployment 'resnet-prod': slo.minReplicas 1 -> 2",
                "deployment 'resnet-prod': slo.headroom 0.0 -> 0.25"),
                changes(now(List.of(INT8_V, FP16_V, NEXT_V), List.of(changed), List.of(USE1, USW2))));
    }

    @Test
    void demandThatGrewOnOneClusterIsNamedWithTheCluster() {
        Deployment more = deploymentWith(DEPLOYMENT.slo(), List.of(new Demand("prod-use1", 5000),
                new Demand("prod-usw2", 900)), "1.0.0");
        assertEquals(List.of("deployment 'resnet-prod': demand on 'prod-usw2' 500.0 -> 900.0 rps"),
                changes(now(List.of(INT8_V, FP16_V, NEXT_V), List.of(more), List.of(USE1, USW2))));
    }

    @Test
    void demandMovedToAnotherClusterIsARemovalAndAnAddition() {
        Deployment moved = deploymentWith(DEPLOYMENT.slo(), List.of(new Demand("prod-euw1", 500),
                new Demand("prod-use1", 5000)), "1.0.0");
        assertEquals(List.of("deployment 'resnet-prod': demand on 'prod-usw2' (500.0 rps) was removed",
                "deployment 'resnet-prod': demand on 'prod-euw1' (500.0 rps) was added"),
                changes(now(List.of(INT8_V, FP16_V, NEXT_V), List.of(moved), List.of(USE1, USW2))));
    }

    @Test
    void aDeploymentNowAtAnotherVersionThanWhenPlannedIsRefused() {
        Deployment upgraded = deploymentWith(DEPLOYMENT.slo(), DEPLOYMENT.demand(), "1.1.0");
        assertEquals(List.of("deployment 'resnet-prod': version 1.0.0 -> 1.1.0"),
                changes(now(List.of(INT8_V, FP16_V, NEXT_V), List.of(upgraded), List.of(USE1, USW2))));
    }

    @Test
    void anUpgradePlanMayMoveTheDeploymentFromItsBaseToThePlannedVersionAndBeRolledOutAgainThere() {
        CatalogSnapshot upgrade = new CatalogSnapshot(PLANNED.hardware(), PLANNED.variants(), PLANNED.clusters(),
                List.of(deploymentWith(DEPLOYMENT.slo(), DEPLOYMENT.demand(), "2.0.0")));
        CurrentInputs stillAt1 = now(List.of(INT8_V, FP16_V, NEXT_V), List.of(DEPLOYMENT), List.of(USE1, USW2));
        CurrentInputs alreadyAt2 = now(List.of(INT8_V, FP16_V, NEXT_V),
                List.of(deploymentWith(DEPLOYMENT.slo(), DEPLOYMENT.demand(), "2.0.0")), List.of(USE1, USW2));
        CurrentInputs at3 = now(List.of(INT8_V, FP16_V, NEXT_V),
                List.of(deploymentWith(DEPLOYMENT.slo(), DEPLOYMENT.demand(), "3.0.0")), List.of(USE1, USW2));
        assertEquals(List.of(), PlanStaleness.changes(upgrade, AT_1_0_0, stillAt1));
        assertEquals(List.of(), PlanStaleness.changes(upgrade, AT_1_0_0, alreadyAt2));
        assertEquals(List.of("deployment 'resnet-prod': version 1.0.0 -> 3.0.0"),
                PlanStaleness.changes(upgrade, AT_1_0_0, at3));
    }

    @Test
    void aPlanWithoutRecordedBaseVersionsTakesThePlannedVersionAsTheBase() {
        Deployment upgraded = deploymentWith(DEPLOYMENT.slo(), DEPLOYMENT.demand(), "1.1.0");
        assertEquals(List.of("deployment 'resnet-prod': version 1.0.0 -> 1.1.0"), PlanStaleness.changes(PLANNED,
                Map.of(), now(List.of(INT8_V, FP16_V, NEXT_V), List.of(upgraded), List.of(USE1, USW2))));
    }

    @Test
    void deletedDeploymentsClustersAndVariantsAreEachNamed() {
        assertEquals(List.of("deployment 'resnet-prod' was deleted", "cluster 'prod-usw2' was deleted",
                "variant " + FP16 + " was deleted"), changes(now(List.of(INT8_V, NEXT_V), List.of(), List.of(USE1))));
    }

    @Test
    void aShrunkPoolIsNamedWithItsCluster() {
        Cluster shrunk = new Cluster("prod-use1", "us-east-1", List.of(
                new NodePool("t4", "g4dn.xlarge", CapacityType.ON_DEMAND, 2),
                new NodePool("cpu", "c6i.xlarge", CapacityType.ON_DEMAND, 4)));
        assertEquals(List.of("cluster 'prod-use1' pool 't4': maxNodes 10 -> 2"),
                changes(now(List.of(INT8_V, FP16_V, NEXT_V), List.of(DEPLOYMENT), List.of(shrunk, USW2))));
    }

    @Test
    void aPoolsHardwareAndCapacityTypeAndARemovedPoolAreNamed() {
        Cluster changed = new Cluster("prod-use1", "us-east-1", List.of(
                new NodePool("t4", "g5.xlarge", CapacityType.SPOT, 10),
                new NodePool("inf", "inf2.xlarge", CapacityType.ON_DEMAND, 4)));
        assertEquals(List.of("cluster 'prod-use1' pool 't4': hardware g4dn.xlarge -> g5.xlarge",
                "cluster 'prod-use1' pool 't4': capacityType ON_DEMAND -> SPOT",
                "cluster 'prod-use1' pool 'cpu' was removed"),
                changes(now(List.of(INT8_V, FP16_V, NEXT_V), List.of(DEPLOYMENT), List.of(changed, USW2))));
    }

    @Test
    void aLowerAccuracyIsNamedWithTheVariantId() {
        assertEquals(List.of("variant " + INT8 + ": accuracy 75.9 -> 74.0"), changes(now(
                List.of(int8With(74.0, List.of(T4_BATCH_8)), FP16_V, NEXT_V), List.of(DEPLOYMENT),
                List.of(USE1, USW2))));
    }

    @Test
    void precisionAndSizeOfAVariantAreCompared() {
        Variant changed = new Variant(FP16, "resnet50", "1.0.0", Precision.BF16, List.of(), 60_000_000, 76.1,
                FP16_V.benchmarks());
        assertEquals(List.of("variant " + FP16 + ": precision FP16 -> BF16",
                "variant " + FP16 + ": sizeBytes 50000000 -> 60000000"), changes(now(List.of(INT8_V, changed, NEXT_V),
                List.of(DEPLOYMENT), List.of(USE1, USW2))));
    }

    @Test
    void benchmarkRowsThatChangedWereRemovedOrWereAddedAreEachNamed() {
        Variant changed = int8With(75.9, List.of(new Benchmark("g4dn.xlarge", 8, 7.1, 900, 1, 2, 4),
                new Benchmark("g4dn.xlarge", 16, 12.0, 2400, 1, 2, 4)));
        Variant removed = new Variant(FP16, "resnet50", "1.0.0", Precision.FP16, List.of(), 50_000_000, 76.1,
                List.of());
        assertEquals(List.of("variant " + INT8 + ": benchmark on g4dn.xlarge batch 8: throughputRps 1800.0 -> 900.0",
                "variant " + INT8 + ": benchmark on g4dn.xlarge batch 16 was added",
                "variant " + FP16 + ": benchmark on g4dn.xlarge batch 8 was removed"),
                changes(now(List.of(changed, removed, NEXT_V), List.of(DEPLOYMENT), List.of(USE1, USW2))));
    }

    @Test
    void variantsOfAVersionThePlanDidNotPlanAreNotItsInputs() {
        Variant next = new Variant(NEXT, "resnet50", "2.0.0", Precision.INT8, List.of(), 25_000_000, 70.0, List.of());
        assertEquals(List.of(), changes(now(List.of(INT8_V, FP16_V), List.of(DEPLOYMENT), List.of(USE1, USW2))));
        assertEquals(List.of(), changes(now(List.of(INT8_V, FP16_V, next), List.of(DEPLOYMENT), List.of(USE1, USW2))));
    }

    @Test
    void additionsThePlanNeverSawAreNotChanges() {
        Variant added = new Variant("00000000-0000-0000-0000-000000000009", "resnet50", "1.0.0", Precision.FP32,
                List.of(), 100_000_000, 76.5, List.of(T4_BATCH_8));
        Cluster withAnotherPool = new Cluster("prod-usw2", "us-west-2", List.of(
                new NodePool("t4", "g4dn.xlarge", CapacityType.SPOT, 3),
                new NodePool("cpu", "c6i.xlarge", CapacityType.ON_DEMAND, 4)));
        assertEquals(List.of(), changes(now(List.of(INT8_V, FP16_V, NEXT_V, added), List.of(DEPLOYMENT),
                List.of(USE1, withAnotherPool))));
    }

    @Test
    void operatingPointsOfOneBatchSizeAreComparedEachOnItsOwn() {
        // Design 007: two rows at batch 8 (concurrency 1 and 4) are two inputs; a change of one names its point.
        Benchmark c4 = new Benchmark("g4dn.xlarge", 8, 9.0, 2600, 1, 2, 4, 4, BenchmarkSource.MEASURED);
        CatalogSnapshot planned = new CatalogSnapshot(PLANNED.hardware(), List.of(int8With(75.9,
                List.of(T4_BATCH_8, c4)), FP16_V, NEXT_V), PLANNED.clusters(), PLANNED.deployments());
        Benchmark faster = new Benchmark("g4dn.xlarge", 8, 9.0, 2400, 1, 2, 4, 4, BenchmarkSource.MEASURED);
        Benchmark estimated = c4.at(4, BenchmarkSource.ESTIMATED);
        assertEquals(List.of(), PlanStaleness.changes(planned, AT_1_0_0, now(List.of(int8With(75.9,
                List.of(T4_BATCH_8, c4)), FP16_V, NEXT_V), List.of(DEPLOYMENT), List.of(USE1, USW2))));
        assertEquals(List.of("variant " + INT8 + ": benchmark on g4dn.xlarge batch 8 concurrency 4: throughputRps"
                + " 2600.0 -> 2400.0"), PlanStaleness.changes(planned, AT_1_0_0, now(List.of(int8With(75.9,
                        List.of(T4_BATCH_8, faster)), FP16_V, NEXT_V), List.of(DEPLOYMENT), List.of(USE1, USW2))));
        assertEquals(List.of("variant " + INT8 + ": benchmark on g4dn.xlarge batch 8 concurrency 4: source MEASURED"
                + " -> ESTIMATED"), PlanStaleness.changes(planned, AT_1_0_0, now(List.of(int8With(75.9,
                        List.of(T4_BATCH_8, estimated)), FP16_V, NEXT_V), List.of(DEPLOYMENT), List.of(USE1, USW2))));
        assertEquals(List.of("variant " + INT8 + ": benchmark on g4dn.xlarge batch 8 concurrency 4 was removed"),
                PlanStaleness.changes(planned, AT_1_0_0, now(List.of(int8With(75.9, List.of(T4_BATCH_8)), FP16_V,
                        NEXT_V), List.of(DEPLOYMENT), List.of(USE1, USW2))));
    }

    @Test
    void consentToPlanWithEstimatesIsAnInputAndAnUnrecordedSourceIsNoChange() {
        Deployment withoutConsent = new Deployment("resnet-prod", "resnet50", "1.0.0", DEPLOYMENT.slo(),
                DEPLOYMENT.demand(), false);
        Deployment consenting = new Deployment("resnet-prod", "resnet50", "1.0.0", DEPLOYMENT.slo(),
                DEPLOYMENT.demand(), true);
        CatalogSnapshot planned = new CatalogSnapshot(PLANNED.hardware(), PLANNED.variants(), PLANNED.clusters(),
                List.of(consenting));
        assertEquals(List.of("deployment 'resnet-prod': allowEstimated true -> false"), PlanStaleness.changes(
                planned, AT_1_0_0, now(List.of(INT8_V, FP16_V, NEXT_V), List.of(withoutConsent), List.of(USE1,
                        USW2))));
        // A snapshot stored before sources were recorded has none: the row now says ESTIMATED, which is no change.
        Variant unrecorded = int8With(75.9, List.of(T4_BATCH_8.at(1, null)));
        CatalogSnapshot old = new CatalogSnapshot(PLANNED.hardware(), List.of(unrecorded, FP16_V, NEXT_V),
                PLANNED.clusters(), List.of(consenting));
        assertEquals(List.of(), PlanStaleness.changes(old, AT_1_0_0, now(List.of(int8With(75.9,
                List.of(T4_BATCH_8.at(1, BenchmarkSource.ESTIMATED))), FP16_V, NEXT_V), List.of(consenting),
                List.of(USE1, USW2))));
    }

    @Test
    void theRefusalListsEveryChangeAndSaysWhatToDo() {
        UUID plan = UUID.fromString("11111111-2222-3333-4444-555555555555");
        assertEquals("inputs changed since plan 11111111-2222-3333-4444-555555555555 was made:"
                + " deployment 'a' was deleted; cluster 'b' was deleted."
                + " Make a new plan (POST /api/v1/plans) and roll that out",
                PlanStaleness.refusal(plan, List.of("deployment 'a' was deleted", "cluster 'b' was deleted")));
    }

    @Test
    void aStoredSnapshotReadsBackEqualToWhatWasPlanned() throws Exception {
        PlanEntity stored = new PlanEntity();
        stored.snapshot = PlanJson.MAPPER.writeValueAsString(PLANNED);
        stored.baseVersions = "{\"resnet-prod\":\"1.0.0\"}";
        assertEquals(PLANNED, PlanJson.snapshot(stored));
        assertEquals(AT_1_0_0, PlanJson.baseVersions(stored));
        stored.baseVersions = null;
        assertEquals(Map.of(), PlanJson.baseVersions(stored));
    }

    @Test
    void aSnapshotStoredBeforeQuotasExistedReadsWithNoQuotas() throws Exception {
        PlanEntity stored = new PlanEntity();
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) PlanJson.MAPPER.valueToTree(PLANNED);
        json.remove("quotas");
        stored.snapshot = json.toString();
        assertEquals(PLANNED, PlanJson.snapshot(stored));
    }
}
