package io.modelfleet.planning.estimate;

import io.modelfleet.catalog.domain.Precision;

/**
 * Everything one roofline estimate reads. {@code peakTeraOps} is the whole node's dense peak at {@code precision}
 * (tera-operations per second, a multiply-add counting as two, as vendors count them); {@code memoryBandwidthGBps}
 * the node's accelerator memory bandwidth (DRAM on CPU), null when unknown. {@code acceleratorCount} is 0 on a
 * CPU-only node, and then the replica's share is {@code vcpusPerReplica / vcpus}, otherwise
 * {@code acceleratorsPerReplica / acceleratorCount}. {@code flopsPerInference} counts operations the way the peak
 * does; {@code sizeBytes} is the weights read once per batch.
 */
public record RooflineInputs(String hardware, Precision precision, double peakTeraOps, Double memoryBandwidthGBps,
        int acceleratorCount, int vcpus, double flopsPerInference, long sizeBytes, int batchSize,
        int acceleratorsPerReplica, double vcpusPerReplica) {

    /** A CPU-only node: the replica's share of the node is its vCPUs. */
    public boolean cpuOnly() {
        return acceleratorCount == 0;
    }
}
