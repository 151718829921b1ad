package io.modelfleet.dashboard.service;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import java.util.List;
import java.util.UUID;

/** One benchmark row with its variant and model, as read for the frontier. */
public record FrontierRow(String model, String accuracyMetric, UUID variantId, String version, Precision precision,
        List<Compression> compression, Double accuracy, String hardware, int batchSize, double p99LatencyMs,
        double throughputRps, PerReplica perReplica, BenchmarkSource source, int concurrency) {

    /** What one replica needs, in the API's units. */
    public record PerReplica(int accelerators, double vcpus, double memoryGiB) {
    }
}
