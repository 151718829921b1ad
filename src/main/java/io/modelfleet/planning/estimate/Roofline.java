package io.modelfleet.planning.estimate;

import io.modelfleet.planning.estimate.Derivation.Bound;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Resources;
import io.modelfleet.planning.snapshot.Variant;
import java.util.Optional;

/**
 * A roofline estimate of one replica's batch time: the larger of the time its share of the node's arithmetic needs
 * for the batch's operations and the time its share of the node's memory bandwidth needs to read the weights once,
 * each at an assumed efficiency. Nothing else is counted (no activation traffic, launch overhead or batching delay;
 * docs/benchmarks.md lists what this ignores). p99 is the batch time times a tail factor; throughput is the batch
 * over the batch time.
 *
 * <p>Guarantees: deterministic; an estimate only from complete, positive, finite inputs (otherwise empty, never a
 * guess); every number it used is in the {@link Derivation}. The efficiency factors are documented assumptions,
 * not calibrated against measurements (design 007, non-goals).
 */
public final class Roofline {

    /**
     * Share of an accelerator's dense peak that inference kernels sustain. The peak assumes every tensor unit busy on
     * ideally shaped matrix multiplies; real networks mix in convolutions of awkward shapes, element-wise and
     * normalization layers that run far below it, and small batches leave units idle. About a third of peak is an
     * assumption between the best case (one large matrix multiply, near peak) and a poorly compiled network; it is
     * not calibrated against measurements.
     */
    public static final double ACCELERATOR_COMPUTE_EFFICIENCY = 0.35;

    /**
     * Lower on CPUs: the derived peak assumes every core's two vector FMA units busy at base clock, while wide-vector
     * code lowers the clock, kernels share cores with the serving runtime's threads, and framework overhead per
     * operator weighs more than on an accelerator.
     */
    public static final double CPU_COMPUTE_EFFICIENCY = 0.25;

    /**
     * Share of the quoted memory bandwidth a weight read sustains. Streaming benchmarks reach roughly 60-80% of the
     * theoretical figure; weights come in many separately addressed tensors rather than one stream, so the low end.
     */
    public static final double MEMORY_EFFICIENCY = 0.6;

    /**
     * p99 over the batch time: what a steady replica's tail adds for scheduling jitter, runtime pauses and requests
     * that wait behind a batch already running. A margin, not a queueing model: it keeps an estimate from promising
     * the best-case time as a 99th percentile.
     */
    public static final double P99_FACTOR = 1.5;

    private Roofline() {
    }

    /** Empty when an input is missing, not finite or not positive, or the replica asks for more than the node. */
    public static Optional<Estimate> estimate(RooflineInputs in) {
        if (!complete(in)) {
            return Optional.empty();
        }
        Derivation.Share share = in.cpuOnly()
                ? new Derivation.Share(in.vcpusPerReplica(), in.vcpus(), "vCPUs", in.vcpusPerReplica() / in.vcpus())
                : new Derivation.Share(in.acceleratorsPerReplica(), in.acceleratorCount(), "accelerators",
                        (double) in.acceleratorsPerReplica() / in.acceleratorCount());
        double computeEfficiency = in.cpuOnly() ? CPU_COMPUTE_EFFICIENCY : ACCELERATOR_COMPUTE_EFFICIENCY;
        double peakPerReplica = in.peakTeraOps() * share.fraction();
        double computeMs = in.batchSize() * in.flopsPerInference() / (peakPerReplica * 1e12 * computeEfficiency)
                * 1000;
        double bandwidthPerReplica = in.memoryBandwidthGBps() * share.fraction();
        double memoryMs = in.sizeBytes() / (bandwidthPerReplica * 1e9 * MEMORY_EFFICIENCY) * 1000;
        Bound bound = computeMs >= memoryMs ? Bound.COMPUTE : Bound.MEMORY;
        double batchMs = Math.max(computeMs, memoryMs);
        double p99 = batchMs * P99_FACTOR;
        double throughput = in.batchSize() * 1000.0 / batchMs;
        Derivation derivation = new Derivation(in.hardware(), in.precision(), share,
                new Derivation.Compute(in.peakTeraOps(), peakPerReplica, computeEfficiency, in.flopsPerInference(),
                        in.batchSize(), computeMs),
                new Derivation.Memory(in.memoryBandwidthGBps(), bandwidthPerReplica, MEMORY_EFFICIENCY,
                        in.sizeBytes(), memoryMs),
                bound, batchMs, P99_FACTOR, p99, throughput);
        return Optional.of(new Estimate(in.batchSize(), p99, throughput, derivation));
    }

    /**
     * The estimate for a variant on hardware of the planner's snapshot, one replica using {@code perReplica}. Empty
     * when the hardware does not run the variant's precision natively, has no peak for it or no memory bandwidth,
     * or any input is unusable.
     */
    public static Optional<Estimate> estimate(Hardware hw, Variant v, int batchSize, Resources perReplica,
            double flopsPerInference) {
        if (hw == null || v == null || perReplica == null || !hw.precisions().contains(v.precision())) {
            return Optional.empty();
        }
        return hw.peakTeraOps(v.precision()).flatMap(peak -> estimate(new RooflineInputs(hw.name(), v.precision(),
                peak, hw.memoryBandwidthGBps(), hw.accelerated() ? hw.acceleratorCount() : 0, hw.vcpus(),
                flopsPerInference, v.sizeBytes(), batchSize, (int) perReplica.accelerators(),
                perReplica.millicores() / 1000.0)));
    }

    private static boolean complete(RooflineInputs in) {
        if (in == null || in.precision() == null || !positive(in.peakTeraOps())
                || in.memoryBandwidthGBps() == null || !positive(in.memoryBandwidthGBps())
                || !positive(in.flopsPerInference()) || in.sizeBytes() <= 0 || in.batchSize() < 1
                || in.acceleratorCount() < 0) {
            return false;
        }
        if (in.cpuOnly()) {
            return in.vcpus() > 0 && positive(in.vcpusPerReplica()) && in.vcpusPerReplica() <= in.vcpus();
        }
        // A replica without an accelerator on accelerated hardware runs on the host CPU, whose peak this is not.
        return in.acceleratorsPerReplica() >= 1 && in.acceleratorsPerReplica() <= in.acceleratorCount();
    }

    private static boolean positive(double value) {
        return value > 0 && Double.isFinite(value);
    }
}
