package io.modelfleet.planning.estimate;

import io.modelfleet.catalog.domain.Precision;

/**
 * Every number a roofline estimate used, so that a reader (and a plan's warning) can redo the arithmetic: the
 * replica's share of the node, the compute side, the memory side, which of the two bounds the batch, and the tail
 * factor. {@link #text()} says the same in one line.
 */
public record Derivation(String hardware, Precision precision, Share share, Compute compute, Memory memory,
        Bound bound, double batchMs, double p99Factor, double p99LatencyMs, double throughputRps) {

    /** Which roof the batch hits: the arithmetic units, or reading the weights from memory. */
    public enum Bound { COMPUTE, MEMORY }

    /**
     * The part of the node one replica gets: {@code used} of {@code of} {@code unit}s ("accelerators" or "vCPUs"),
     * as a {@code fraction}. Peak and bandwidth are shared out in the same proportion.
     */
    public record Share(double used, int of, String unit, double fraction) {
    }

    /**
     * Node peak, the replica's part of it, the efficiency assumed, and the time the batch's operations take at that
     * rate: {@code batchSize x flopsPerInference / (peakTeraOpsPerReplica x 1e12 x efficiency)}.
     */
    public record Compute(double peakTeraOpsNode, double peakTeraOpsPerReplica, double efficiency,
            double flopsPerInference, int batchSize, double ms) {
    }

    /**
     * Node bandwidth, the replica's part of it, the efficiency assumed, and the time reading the weights once takes:
     * {@code sizeBytes / (bandwidthGBpsPerReplica x 1e9 x efficiency)}.
     */
    public record Memory(double bandwidthGBpsNode, double bandwidthGBpsPerReplica, double efficiency,
            long sizeBytes, double ms) {
    }

    /**
     * One line in words, e.g. "INT8 130 TOPS x 1/1 accelerators x 0.35 efficiency = 45.5 TOPS; 8 x 4.09 GFLOP =
     * 0.719 ms compute; 25 MB / (320 GB/s x 1/1 x 0.6) = 0.13 ms memory; compute-bound; p99 = 1.5 x 0.719 ms =
     * 1.08 ms; 11125 requests/s".
     */
    public String text() {
        String rate = precision == Precision.INT8 ? "TOPS" : "TFLOPS";
        String part = Figures.of(share.used()) + "/" + share.of() + " " + share.unit();
        return precision + " " + Figures.of(compute.peakTeraOpsNode()) + " " + rate + " x " + part + " x "
                + Figures.of(compute.efficiency()) + " efficiency = "
                + Figures.of(compute.peakTeraOpsPerReplica() * compute.efficiency()) + " " + rate + "; "
                + compute.batchSize() + " x " + Figures.operations(compute.flopsPerInference()) + " = "
                + Figures.of(compute.ms()) + " ms compute; "
                + Figures.bytes(memory.sizeBytes()) + " / (" + Figures.of(memory.bandwidthGBpsNode()) + " GB/s x "
                + part + " x " + Figures.of(memory.efficiency()) + ") = " + Figures.of(memory.ms()) + " ms memory; "
                + (bound == Bound.COMPUTE ? "compute-bound" : "memory-bound") + "; p99 = "
                + Figures.of(p99Factor) + " x " + Figures.of(batchMs) + " ms = " + Figures.of(p99LatencyMs)
                + " ms; " + Figures.of(throughputRps) + " requests/s";
    }
}
