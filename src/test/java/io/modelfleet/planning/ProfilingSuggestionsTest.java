package io.modelfleet.planning;

import static io.modelfleet.planning.TinyFleet.demand;
import static io.modelfleet.planning.TinyFleet.fleet;
import static io.modelfleet.planning.TinyFleet.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.PlanResult.ProfilingSuggestion;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Variant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Design 007, B7: a plan lists a never-benchmarked option only when a roofline estimate exists for it and puts it
 * below the chosen cost. The fleet: a CPU pool ($0.17/h, 4 vCPU, 8 GiB) where the INT8 variant was measured at
 * 25 rps per 1-vCPU replica, and a T4 pool ($0.526/h, INT8 130 TOPS, 320 GB/s) where it never was. At 1000 rps the
 * CPU needs 40 replicas = 10 nodes = $1.70/h. The T4 estimate: 8.18e9 operations at 130 x 0.35 TOPS take 0.17978 ms
 * a batch of one (memory 0.1302 ms, less), p99 1.5 x that = 0.26967 ms, 5562.35 rps: one replica, one node, $0.526.
 */
class ProfilingSuggestionsTest {

    private static final Map<Precision, Double> T4_PEAKS = Map.of(Precision.FP32, 8.1, Precision.FP16, 65.0,
            Precision.INT8, 130.0);

    private static TinyFleet catalog(Double flops, double slo, double rps) {
        Variant.Benchmark cpu = new Variant.Benchmark("cpu", 1, 50, 25, 0, 1, 1, 1, BenchmarkSource.MEASURED);
        return fleet().cpu("cpu", 0.17)
                .hardware(new Hardware("t4", true, 1, 16, 4, 16, TinyFleet.T4, List.of(new Hardware.Offering(
                        "us-east-1", CapacityType.ON_DEMAND, 0.526)), T4_PEAKS, 320.0))
                .variantOf(new Variant("int8", "m", "1.0", Precision.INT8, List.of(Compression.QUANTIZATION),
                        25_000_000, 75.9, List.of(cpu), flops))
                .cluster("c", "us-east-1", pool("cpu", "cpu", 20), pool("t4", "t4", 10))
                .deployment("d", slo, null, 1, 0, demand("c", rps));
    }

    @Test
    void aNeverBenchmarkedOptionThatAnEstimatePutsBelowTheChosenCostIsSuggested() {
        PlanResult plan = catalog(8.18e9, 60, 1000).plan();
        assertEquals("cpu", plan.placements().get(0).hardware());
        assertEquals(1.7, plan.placements().get(0).hourlyCostUsd(), 1e-9);
        assertEquals(1, plan.profilingSuggestions().size());
        ProfilingSuggestion s = plan.profilingSuggestions().get(0);
        assertEquals(List.of("d", "c", "int8", Precision.INT8, "t4", "t4", 1, 1),
                List.of(s.deployment(), s.cluster(), s.variantId(), s.precision(), s.hardware(), s.pool(),
                        s.batchSize(), s.estimatedReplicas()));
        assertEquals(0.26967, s.estimatedP99LatencyMs(), 1e-5);
        assertEquals(5562.347, s.estimatedThroughputRps(), 1e-3);
        assertEquals(0.526, s.estimatedHourlyCostUsd(), 1e-9);
        assertEquals(1.7, s.chosenHourlyCostUsd(), 1e-9);
        assertTrue(s.derivation().contains("compute-bound"), s.derivation());
        // It is no candidate: the plan still places on the measured CPU row.
        assertEquals(BenchmarkSource.MEASURED, plan.placements().get(0).benchmarkSource());
    }

    @Test
    void withoutAnEstimateOrUnderATighterSloNothingIsSuggested() {
        assertEquals(List.of(), catalog(null, 60, 1000).plan().profilingSuggestions(), "no flopsPerInference, no estimate");
        // 0.2 ms is below even batch 1's estimated p99 of 0.27 ms.
        PlanResult tight = catalog(8.18e9, 0.2, 1000).plan();
        assertEquals(List.of(), tight.profilingSuggestions());
    }

    @Test
    void aSuggestionThatWouldCostMoreIsNotListed() {
        // At 20 rps the CPU needs one node ($0.17): the T4's $0.526 would save nothing.
        PlanResult cheap = catalog(8.18e9, 60, 20).plan();
        assertEquals(0.17, cheap.totalHourlyCostUsd(), 1e-9);
        assertEquals(List.of(), cheap.profilingSuggestions());
    }
}
