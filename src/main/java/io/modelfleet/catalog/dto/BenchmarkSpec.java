package io.modelfleet.catalog.dto;

import io.modelfleet.catalog.domain.BenchmarkSource;

/**
 * A benchmark row. Per-replica resources may be omitted: acceleratorsPerReplica defaults to 1 on accelerated
 * hardware and 0 on CPU, vcpusPerReplica and memoryGiBPerReplica to 1, source to MEASURED.
 */
public record BenchmarkSpec(String hardware, Integer batchSize, Double p99LatencyMs, Double throughputRps,
        Integer acceleratorsPerReplica, Double vcpusPerReplica, Double memoryGiBPerReplica, BenchmarkSource source) {
}
