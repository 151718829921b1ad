package io.modelfleet.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Variant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Plans stored before design 007 still read, view and roll out: a placement without concurrency was planned at
 * concurrency 1, a text warning becomes a warning object, and a snapshot's deployment without allowEstimated was
 * planned with estimates allowed (what V23 gave every deployment then present). The stored bodies below are
 * written in the form plans had before V23.
 */
class StoredPlanFormsTest {

    private static final ObjectMapper STRICT = JsonMapper.builder().findAndAddModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private static final String OLD_RESULT = """
            {"status":"OPTIMAL","totalHourlyCostUsd":1.052,"lowerBoundUsd":1.052,"gap":0.0,
             "placements":[{"deployment":"d","cluster":"c","variantId":"v1","precision":"INT8",
               "hardware":"g4dn.xlarge","pool":"gpu","batchSize":8,"replicas":2,"p99LatencyMs":7.1,
               "capacityRps":3600.0,"hourlyCostUsd":1.052}],
             "nodes":[],"unplaced":[],"alternatives":[],
             "baselines":{"fp32Only":{"totalHourlyCostUsd":0.0,"unplaced":[]},
               "singleHardware":{"totalHourlyCostUsd":1.052,"unplaced":[]}},
             "quotas":[],
             "warnings":["STALE_PRICE: g4dn.xlarge ON_DEMAND in us-east-1 costs 0.526 $/h as last known"],
             "stats":{"pairs":1,"clusters":1,"candidates":1,"candidatesSolved":1,"solveMillis":3,
               "baselineMillis":2},
             "demand":[],"analysis":[]}""";

    private static final String OLD_SNAPSHOT = """
            {"hardware":[],"clusters":[],"quotas":[],
             "variants":[{"id":"v1","model":"m","version":"1.0.0","precision":"INT8",
               "compression":["QUANTIZATION"],"sizeBytes":25000000,"accuracy":75.9,"uncompressedFp32":false,
               "benchmarks":[{"hardware":"g4dn.xlarge","batchSize":8,"p99LatencyMs":7.1,"throughputRps":1800.0,
                 "acceleratorsPerReplica":1,"vcpusPerReplica":2.0,"memoryGiBPerReplica":4.0}]}],
             "deployments":[{"name":"d","model":"m","version":"1.0.0",
               "slo":{"p99LatencyMs":20.0,"minAccuracy":null,"minReplicas":1,"headroom":0.0},
               "demand":[{"cluster":"c","rps":3000.0}]}],
             "switchCostUsdPerHour":0.0}""";

    @Test
    void anOldResultReadsWithConcurrencyOneAndItsTextWarningAsAWarning() {
        PlanResult result = PlanJson.result(plan(OLD_RESULT, OLD_SNAPSHOT));
        PlanResult.Placement p = result.placements().get(0);
        assertEquals(List.of(8, 1, 2), List.of(p.batchSize(), p.concurrency(), p.replicas()));
        assertNull(p.benchmarkSource(), "an old plan never recorded where its figures came from");
        assertEquals(List.of(new PlanResult.Warning(null, null, PlanResult.WarningKind.STALE_PRICE,
                "g4dn.xlarge ON_DEMAND in us-east-1 costs 0.526 $/h as last known")), result.warnings());
    }

    @Test
    void anOldSnapshotWasPlannedWithEstimatesAllowedAtConcurrencyOne() {
        CatalogSnapshot snapshot = PlanJson.snapshot(plan(OLD_RESULT, OLD_SNAPSHOT));
        assertEquals(true, snapshot.deployments().get(0).allowEstimated());
        Variant.Benchmark row = snapshot.variants().get(0).benchmarks().get(0);
        assertEquals(1, row.concurrency());
        assertNull(row.source());
    }

    @Test
    void anOldPlanIsServedInTheCurrentFormAndReadsStrictlyIntoThePlanRecord() throws Exception {
        JsonNode view = PlanJson.view(plan(OLD_RESULT, OLD_SNAPSHOT));
        assertEquals(1, view.path("placements").path(0).path("concurrency").asInt());
        assertEquals("STALE_PRICE", view.path("warnings").path(0).path("kind").asText());
        PlanView typed = STRICT.treeToValue(view, PlanView.class);
        assertEquals(1, typed.placements().get(0).concurrency());
        assertEquals("g4dn.xlarge ON_DEMAND in us-east-1 costs 0.526 $/h as last known",
                typed.warnings().get(0).detail());
    }

    @Test
    void aCurrentPlanReadsBackAsItWasWritten() {
        PlanResult.Placement placement = new PlanResult.Placement("d", "c", "v1",
                io.modelfleet.catalog.domain.Precision.INT8, "g4dn.xlarge", "gpu", 8, 2, 9, 3200, 1.052, 4,
                BenchmarkSource.ESTIMATED);
        PlanResult.Warning warning = new PlanResult.Warning("d", "c", PlanResult.WarningKind.ESTIMATED_BENCHMARK,
                "planned on an estimate");
        PlanResult written = PlanJson.result(plan(OLD_RESULT, OLD_SNAPSHOT));
        PlanResult current = new PlanResult(written.status(), written.totalHourlyCostUsd(), written.lowerBoundUsd(),
                written.gap(), List.of(placement), List.of(), List.of(), List.of(), written.baselines(), List.of(),
                List.of(warning), written.stats());
        PlanResult read = PlanJson.result(plan(PlanJson.write(current), OLD_SNAPSHOT));
        assertEquals(List.of(placement), read.placements());
        assertEquals(List.of(warning), read.warnings());
    }

    private static PlanEntity plan(String result, String snapshot) {
        PlanEntity e = new PlanEntity();
        e.id = UUID.randomUUID();
        e.createdAt = OffsetDateTime.parse("2026-11-30T10:00:00Z");
        e.status = PlanState.OPTIMAL;
        e.deployments = "[\"d\"]";
        e.timeLimitSeconds = 10;
        e.result = result;
        e.snapshot = snapshot;
        return e;
    }
}
