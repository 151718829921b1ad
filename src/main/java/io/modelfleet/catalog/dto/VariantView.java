package io.modelfleet.catalog.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;


@Schema(requiredProperties = {"id", "model", "version", "precision", "compression", "artifactUri", "artifactSha256",
        "sizeBytes", "format", "image", "accuracy", "benchmarks", "revision", "createdAt", "updatedAt"})
public record VariantView(UUID id, String model, String version, Precision precision, List<Compression> compression,
        String artifactUri, String artifactSha256, long sizeBytes, String format, String image,
        @Schema(nullable = true) Double accuracy,
        List<Benchmark> benchmarks, long revision, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        @Schema(nullable = true, description = "operations per inference, the roofline estimate's compute input")
        Double flopsPerInference) {

    public VariantView(UUID id, String model, String version, Precision precision, List<Compression> compression,
            String artifactUri, String artifactSha256, long sizeBytes, String format, String image, Double accuracy,
            List<Benchmark> benchmarks, long revision, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        this(id, model, version, precision, compression, artifactUri, artifactSha256, sizeBytes, format, image,
                accuracy, benchmarks, revision, createdAt, updatedAt, null);
    }

    /**
     * A benchmark row; {@code deployment} and {@code cluster} (the placement it was seen at), {@code observedAt}
     * (the window's end), {@code windowSeconds} and {@code loadRps} (the workload's requests/s over the window) are
     * set on OBSERVED rows only. {@code provenance} says where the figures come from (an import's tool, file digest
     * and line; a profiling run; an estimate's derivation), absent on rows typed in.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"hardware", "batchSize", "concurrency", "p99LatencyMs", "throughputRps",
            "acceleratorsPerReplica", "vcpusPerReplica", "memoryGiBPerReplica", "source"})
    public record Benchmark(String hardware, int batchSize, double p99LatencyMs, double throughputRps,
            int acceleratorsPerReplica, double vcpusPerReplica, double memoryGiBPerReplica, BenchmarkSource source,
            String deployment, String cluster, OffsetDateTime observedAt, Integer windowSeconds, Double loadRps,
            int concurrency, Map<String, Object> provenance) {

        /** A row users declared (no observation fields), at concurrency 1. */
        public Benchmark(String hardware, int batchSize, double p99LatencyMs, double throughputRps,
                int acceleratorsPerReplica, double vcpusPerReplica, double memoryGiBPerReplica,
                BenchmarkSource source) {
            this(hardware, batchSize, p99LatencyMs, throughputRps, acceleratorsPerReplica, vcpusPerReplica,
                    memoryGiBPerReplica, source, null, null, null, null, null, 1, null);
        }

        public Benchmark(String hardware, int batchSize, double p99LatencyMs, double throughputRps,
                int acceleratorsPerReplica, double vcpusPerReplica, double memoryGiBPerReplica, BenchmarkSource source,
                String deployment, String cluster, OffsetDateTime observedAt, Integer windowSeconds, Double loadRps) {
            this(hardware, batchSize, p99LatencyMs, throughputRps, acceleratorsPerReplica, vcpusPerReplica,
                    memoryGiBPerReplica, source, deployment, cluster, observedAt, windowSeconds, loadRps, 1, null);
        }
    }
}
