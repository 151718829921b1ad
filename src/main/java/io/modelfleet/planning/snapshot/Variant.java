package io.modelfleet.planning.snapshot;

import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import java.util.List;

/** A deployable variant with its measured benchmarks; accuracy is in the model's metric, or null if unknown. */
public record Variant(String id, String model, String version, Precision precision, List<Compression> compression,
        long sizeBytes, Double accuracy, List<Benchmark> benchmarks) {

    public Variant {
        compression = List.copyOf(compression);
        benchmarks = List.copyOf(benchmarks);
    }

    /** The uncompressed full-precision original: what the fp32-only baseline keeps. */
    public boolean isUncompressedFp32() {
        return precision == Precision.FP32 && compression.isEmpty();
    }

    /** One benchmark row: a batch size on one hardware profile, and what one replica needs there. */
    public record Benchmark(String hardware, int batchSize, double p99LatencyMs, double throughputRps,
            int acceleratorsPerReplica, double vcpusPerReplica, double memoryGiBPerReplica) {

        public Resources perReplica() {
            return Resources.of(acceleratorsPerReplica, vcpusPerReplica, memoryGiBPerReplica);
        }
    }
}
