package io.modelfleet.catalog.dto;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record VariantView(UUID id, String model, String version, Precision precision, List<Compression> compression,
        String artifactUri, String artifactSha256, long sizeBytes, String format, String image, Double accuracy,
        List<Benchmark> benchmarks, long revision, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public record Benchmark(String hardware, int batchSize, double p99LatencyMs, double throughputRps,
            int acceleratorsPerReplica, double vcpusPerReplica, double memoryGiBPerReplica, BenchmarkSource source) {
    }
}
