package io.modelfleet.catalog.dto;

import io.modelfleet.catalog.domain.BenchmarkSource;

/**
 * A benchmark row. Per-replica resources may be omitted: acceleratorsPerReplica defaults to 1 on accelerated
 * hardware and 0 on CPU, vcpusPerReplica and memoryGiBPerReplica to 1, source to MEASURED, concurrency (the
 * requests in flight the figures were measured at) to 1. (variant, hardware, batchSize, concurrency) is a row's key.
 */
public record BenchmarkSpec(String hardware, Integer batchSize, Double p99LatencyMs, Double throughputRps,
        Integer acceleratorsPerReplica, Double vcpusPerReplica, Double memoryGiBPerReplica, BenchmarkSource source,
        Integer concurrency) {

    /** A row measured at one request in flight (the form before operating points). */
    public BenchmarkSpec(String hardware, Integer batchSize, Double p99LatencyMs, Double throughputRps,
            Integer acceleratorsPerReplica, Double vcpusPerReplica, Double memoryGiBPerReplica,
            BenchmarkSource source) {
        this(hardware, batchSize, p99LatencyMs, throughputRps, acceleratorsPerReplica, vcpusPerReplica,
                memoryGiBPerReplica, source, null);
    }
}
