package io.modelfleet.planning.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.estimate.Derivation.Bound;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Resources;
import io.modelfleet.planning.snapshot.Variant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The roofline estimate, every expected figure computed by hand below. Units: TOPS = 1e12 operations/s, GB/s =
 * 1e9 bytes/s; times in ms.
 */
class RooflineTest {

    /** Relative 1e-12: the arithmetic is a handful of double operations, so only the last bits may differ. */
    private static void near(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-12);
    }

    // T4 (g4dn.xlarge), INT8, a ResNet-50-like variant: 4.09e9 operations, 25 MB of weights, the whole GPU.
    //   peak per replica  = 130 TOPS x 1/1 = 130 TOPS; at 0.35 efficiency 45.5e12 op/s
    //   memory per batch  = 25e6 B / (320e9 B/s x 1/1 x 0.6 = 192e9 B/s) = 1.30208333e-4 s = 0.130208333 ms
    // Batch 1: compute = 4.09e9 / 45.5e12 = 8.98901099e-5 s = 0.0898901099 ms < memory: MEMORY-bound.
    //   batch time 0.130208333 ms; p99 = 1.5 x 0.130208333 = 0.1953125 ms; throughput = 1 / 0.130208333 ms = 7680/s
    // Batch 8: compute = 8 x 4.09e9 / 45.5e12 = 7.19120879e-4 s = 0.719120879 ms > memory: COMPUTE-bound.
    //   p99 = 1.5 x 0.719120879 = 1.07868132 ms; throughput = 8 / 0.719120879 ms = 11124.6944 /s
    private static RooflineInputs t4Int8(int batchSize) {
        return new RooflineInputs("g4dn.xlarge", Precision.INT8, 130, 320.0, 1, 4, 4.09e9, 25_000_000L, batchSize,
                1, 2);
    }

    @Test
    void aResNet50LikeInt8VariantOnAT4IsMemoryBoundAtBatchOne() {
        Estimate e = Roofline.estimate(t4Int8(1)).orElseThrow();
        assertEquals(1, e.batchSize());
        near(0.1953125, e.p99LatencyMs());
        near(7680, e.throughputRps());
        Derivation d = e.derivation();
        assertEquals(Bound.MEMORY, d.bound());
        near(4.09e9 / 45.5e12 * 1000, d.compute().ms());
        near(0.0898901098901099, d.compute().ms());
        near(25e6 / 192e9 * 1000, d.memory().ms());
        near(0.13020833333333334, d.batchMs());
        assertEquals(1.5, d.p99Factor());
    }

    @Test
    void theSameVariantAtBatchEightIsComputeBoundWithEveryNumberInItsDerivation() {
        Estimate e = Roofline.estimate(t4Int8(8)).orElseThrow();
        assertEquals(8, e.batchSize());
        near(1.0786813186813187, e.p99LatencyMs());
        near(11124.694376528116, e.throughputRps());
        Derivation d = e.derivation();
        assertEquals("g4dn.xlarge", d.hardware());
        assertEquals(Precision.INT8, d.precision());
        assertEquals(new Derivation.Share(1, 1, "accelerators", 1.0), d.share());
        assertEquals(130, d.compute().peakTeraOpsNode());
        assertEquals(130, d.compute().peakTeraOpsPerReplica());
        assertEquals(Roofline.ACCELERATOR_COMPUTE_EFFICIENCY, d.compute().efficiency());
        assertEquals(0.35, d.compute().efficiency());
        assertEquals(4.09e9, d.compute().flopsPerInference());
        assertEquals(8, d.compute().batchSize());
        near(0.7191208791208792, d.compute().ms());
        assertEquals(320, d.memory().bandwidthGBpsNode());
        assertEquals(320, d.memory().bandwidthGBpsPerReplica());
        assertEquals(0.6, d.memory().efficiency());
        assertEquals(25_000_000L, d.memory().sizeBytes());
        near(0.13020833333333334, d.memory().ms());
        assertEquals(Bound.COMPUTE, d.bound());
        near(0.7191208791208792, d.batchMs());
        assertEquals("INT8 130 TOPS x 1/1 accelerators x 0.35 efficiency = 45.5 TOPS; 8 x 4.09 GFLOP = 0.719 ms"
                + " compute; 25 MB / (320 GB/s x 1/1 accelerators x 0.6) = 0.13 ms memory; compute-bound;"
                + " p99 = 1.5 x 0.719 ms = 1.08 ms; 11125 requests/s", d.text());
    }

    // L4 (g6.xlarge), FP16, a BERT-large-like variant: 86e9 operations, 670 MB of weights, the whole GPU.
    //   peak = 242 / 2 (dense) = 121 TFLOPS; at 0.35: 42.35e12 op/s; bandwidth 300 GB/s x 0.6 = 180e9 B/s
    //   memory = 670e6 / 180e9 = 3.72222222e-3 s = 3.72222222 ms
    // Batch 1: compute = 86e9 / 42.35e12 = 2.03069658 ms < memory: MEMORY-bound; p99 = 1.5 x 3.72222222 =
    //   5.58333333 ms; throughput = 1 / 3.72222222 ms = 268.656716 /s.
    // Batch 2: compute = 4.06139315 ms > memory: COMPUTE-bound; throughput = 2 / 4.06139315 ms = 492.441860 /s.
    @Test
    void aLargeModelAtBatchOneIsBoundByReadingItsWeightsAndTurnsComputeBoundAtBatchTwo() {
        RooflineInputs one = new RooflineInputs("g6.xlarge", Precision.FP16, 121, 300.0, 1, 4, 86e9, 670_000_000L, 1,
                1, 2);
        Estimate e = Roofline.estimate(one).orElseThrow();
        assertEquals(Bound.MEMORY, e.derivation().bound());
        near(2.0306965761511213, e.derivation().compute().ms());
        near(3.7222222222222223, e.derivation().memory().ms());
        near(5.583333333333334, e.p99LatencyMs());
        near(268.65671641791045, e.throughputRps());
        assertTrue(e.derivation().text().contains("; memory-bound; p99 = 1.5 x 3.72 ms = 5.58 ms; 269 requests/s"),
                e.derivation().text());
        assertTrue(e.derivation().text().startsWith("FP16 121 TFLOPS x 1/1 accelerators"), e.derivation().text());

        RooflineInputs two = new RooflineInputs("g6.xlarge", Precision.FP16, 121, 300.0, 1, 4, 86e9, 670_000_000L, 2,
                1, 2);
        Estimate batched = Roofline.estimate(two).orElseThrow();
        assertEquals(Bound.COMPUTE, batched.derivation().bound());
        near(4.061393152302243, batched.derivation().batchMs());
        near(492.44186046511635, batched.throughputRps());
    }

    // c7i.xlarge-like CPU node: FP32 peak 0.4096 TFLOPS (2 cores x 3.2 GHz x 64), 12.8 GB/s; a replica of 2 of 4 vCPUs.
    //   share 2/4 = 0.5: peak 0.2048 TFLOPS, at 0.25 (CPU) 51.2e9 op/s; bandwidth 6.4 GB/s, at 0.6 3.84e9 B/s
    //   compute = 4.09e9 / 51.2e9 = 79.8828125 ms; memory = 102.4e6 / 3.84e9 = 26.6666667 ms: COMPUTE-bound
    //   p99 = 1.5 x 79.8828125 = 119.82421875 ms; throughput = 1 / 79.8828125 ms = 12.5183374 /s
    @Test
    void onACpuNodeAReplicaGetsItsShareOfVcpusAndTheCpuEfficiency() {
        RooflineInputs in = new RooflineInputs("c7i.xlarge", Precision.FP32, 0.4096, 12.8, 0, 4, 4.09e9,
                102_400_000L, 1, 0, 2);
        Estimate e = Roofline.estimate(in).orElseThrow();
        Derivation d = e.derivation();
        assertEquals(new Derivation.Share(2, 4, "vCPUs", 0.5), d.share());
        near(0.2048, d.compute().peakTeraOpsPerReplica());
        assertEquals(Roofline.CPU_COMPUTE_EFFICIENCY, d.compute().efficiency());
        assertEquals(0.25, d.compute().efficiency());
        near(6.4, d.memory().bandwidthGBpsPerReplica());
        near(79.8828125, d.compute().ms());
        near(26.666666666666668, d.memory().ms());
        assertEquals(Bound.COMPUTE, d.bound());
        near(119.82421875, e.p99LatencyMs());
        near(12.51833740831296, e.throughputRps());
        assertEquals("FP32 0.41 TFLOPS x 2/4 vCPUs x 0.25 efficiency = 0.0512 TFLOPS; 1 x 4.09 GFLOP = 79.9 ms"
                + " compute; 102 MB / (12.8 GB/s x 2/4 vCPUs x 0.6) = 26.7 ms memory; compute-bound;"
                + " p99 = 1.5 x 79.9 ms = 120 ms; 12.5 requests/s", d.text());
    }

    @Test
    void aReplicaOfOneOfFourNeuronCoresGetsAQuarterOfTheChip() {
        // inf1.xlarge: one chip, 64 TFLOPS BF16, 53.7 GB/s, counted as 4 NeuronCores; a replica of one core.
        RooflineInputs in = new RooflineInputs("inf1.xlarge", Precision.BF16, 64, 53.7, 4, 4, 4.09e9, 51_200_000L,
                1, 1, 1);
        Derivation d = Roofline.estimate(in).orElseThrow().derivation();
        assertEquals(new Derivation.Share(1, 4, "accelerators", 0.25), d.share());
        near(16, d.compute().peakTeraOpsPerReplica());
        near(13.425, d.memory().bandwidthGBpsPerReplica());
        // compute = 4.09e9 / (16e12 x 0.35) = 0.730357143 ms; memory = 51.2e6 / (13.425e9 x 0.6) = 6.35630043 ms
        near(4.09e9 / 5.6e12 * 1000, d.compute().ms());
        near(51.2e6 / (13.425e9 * 0.6) * 1000, d.memory().ms());
        assertEquals(Bound.MEMORY, d.bound());
    }

    @Test
    void missingOrUnusableInputsGiveNoEstimate() {
        RooflineInputs ok = t4Int8(8);
        assertTrue(Roofline.estimate(ok).isPresent());
        List<RooflineInputs> unusable = List.of(
                with(ok, 0, ok.memoryBandwidthGBps(), ok.flopsPerInference(), ok.sizeBytes(), 8, 1, 2),
                with(ok, Double.NaN, ok.memoryBandwidthGBps(), ok.flopsPerInference(), ok.sizeBytes(), 8, 1, 2),
                with(ok, 130, null, ok.flopsPerInference(), ok.sizeBytes(), 8, 1, 2),
                with(ok, 130, 0.0, ok.flopsPerInference(), ok.sizeBytes(), 8, 1, 2),
                with(ok, 130, 320.0, 0, ok.sizeBytes(), 8, 1, 2),
                with(ok, 130, 320.0, Double.POSITIVE_INFINITY, ok.sizeBytes(), 8, 1, 2),
                with(ok, 130, 320.0, 4.09e9, 0, 8, 1, 2),
                with(ok, 130, 320.0, 4.09e9, 25_000_000L, 0, 1, 2),
                // no accelerator on accelerated hardware, or more accelerators than the node has
                with(ok, 130, 320.0, 4.09e9, 25_000_000L, 8, 0, 2),
                with(ok, 130, 320.0, 4.09e9, 25_000_000L, 8, 2, 2));
        for (RooflineInputs in : unusable) {
            assertEquals(Optional.empty(), Roofline.estimate(in), in.toString());
        }
        assertEquals(Optional.empty(), Roofline.estimate(null));
        RooflineInputs cpu = new RooflineInputs("c7i.xlarge", Precision.FP32, 0.4096, 12.8, 0, 4, 4.09e9, 1L, 1, 0, 8);
        assertEquals(Optional.empty(), Roofline.estimate(cpu), "8 of a node's 4 vCPUs");
    }

    @Test
    void fromTheSnapshotAVariantGetsAnEstimateOnlyWhereItsPrecisionHasAPeak() {
        Hardware t4 = new Hardware("g4dn.xlarge", true, 1, 16, 4, 16,
                Set.of(Precision.FP32, Precision.FP16, Precision.INT8),
                List.of(new Hardware.Offering("us-east-1", CapacityType.ON_DEMAND, 0.526)),
                Map.of(Precision.INT8, 130.0, Precision.FP32, 8.1), 320.0);
        Resources oneGpu = Resources.of(1, 2, 4);
        Estimate fromSnapshot = Roofline.estimate(t4, variant(Precision.INT8), 8, oneGpu, 4.09e9).orElseThrow();
        assertEquals(Roofline.estimate(t4Int8(8)).orElseThrow(), fromSnapshot);

        assertEquals(Optional.empty(), Roofline.estimate(t4, variant(Precision.FP16), 8, oneGpu, 4.09e9),
                "the profile gives no FP16 peak");
        assertEquals(Optional.empty(), Roofline.estimate(t4, variant(Precision.BF16), 8, oneGpu, 4.09e9),
                "the T4 does not run BF16");
        Hardware noPeaks = new Hardware("g4dn.xlarge", true, 1, 16, 4, 16, Set.of(Precision.INT8), List.of());
        assertEquals(Optional.empty(), Roofline.estimate(noPeaks, variant(Precision.INT8), 8, oneGpu, 4.09e9));
        Hardware noBandwidth = new Hardware("g4dn.xlarge", true, 1, 16, 4, 16, Set.of(Precision.INT8), List.of(),
                Map.of(Precision.INT8, 130.0), null);
        assertEquals(Optional.empty(), Roofline.estimate(noBandwidth, variant(Precision.INT8), 8, oneGpu, 4.09e9),
                "without a bandwidth the memory roof is unknown, and a compute-only figure would flatter");
        assertEquals(Optional.empty(), Roofline.estimate(null, variant(Precision.INT8), 8, oneGpu, 4.09e9));
        assertEquals(Optional.empty(), Roofline.estimate(t4, variant(Precision.INT8), 8, null, 4.09e9));
    }

    @Test
    void onCpuHardwareTheReplicasMillicoresAreItsShare() {
        Hardware c7i = new Hardware("c7i.xlarge", false, 0, 0, 4, 8, Set.of(Precision.FP32), List.of(),
                Map.of(Precision.FP32, 0.4096), 12.8);
        Variant fp32 = new Variant("v", "resnet50", "1.0.0", Precision.FP32, List.of(), 102_400_000L, 76.1, List.of());
        Estimate e = Roofline.estimate(c7i, fp32, 1, Resources.of(0, 2, 4), 4.09e9).orElseThrow();
        assertEquals(new Derivation.Share(2, 4, "vCPUs", 0.5), e.derivation().share());
        near(119.82421875, e.p99LatencyMs());
    }

    private static Variant variant(Precision precision) {
        return new Variant("v-" + precision, "resnet50", "1.0.0", precision, List.of(Compression.QUANTIZATION),
                25_000_000L, 75.9, List.of());
    }

    private static RooflineInputs with(RooflineInputs in, double peak, Double bandwidth, double flops, long size,
            int batch, int acceleratorsPerReplica, double vcpusPerReplica) {
        return new RooflineInputs(in.hardware(), in.precision(), peak, bandwidth, in.acceleratorCount(), in.vcpus(),
                flops, size, batch, acceleratorsPerReplica, vcpusPerReplica);
    }
}
