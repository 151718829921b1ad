package io.modelfleet.planning.snapshot;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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

    /** The row of one operating point, when the variant has it. */
    public Optional<Benchmark> benchmark(String hardware, int batchSize, int concurrency) {
        return benchmarks.stream().filter(b -> b.hardware().equals(hardware) && b.batchSize() == batchSize
                && b.concurrency() == concurrency).findFirst();
    }

    /**
     * Of the operating points at one batch size on one hardware profile, the one a plan under this p99 budget picks
     * when replicas do not tell them apart: the highest throughput whose p99 meets the budget, else the lowest p99.
     * What runs records its batch size but not its concurrency (design 007), so this is how its row is told.
     */
    public Optional<Benchmark> likelyOperatingPoint(String hardware, int batchSize, double p99BudgetMs) {
        List<Benchmark> atBatch = benchmarks.stream().filter(b -> b.hardware().equals(hardware)
                && b.batchSize() == batchSize).toList();
        Optional<Benchmark> meeting = atBatch.stream().filter(b -> b.p99LatencyMs() <= p99BudgetMs)
                .max(Comparator.comparingDouble(Benchmark::throughputRps)
                        .thenComparing(Comparator.comparingInt(Benchmark::concurrency).reversed()));
        return meeting.isPresent() ? meeting : atBatch.stream().min(Comparator.comparingDouble(
                Benchmark::p99LatencyMs).thenComparingInt(Benchmark::concurrency));
    }

    /**
     * One benchmark row, an operating point: a batch size at a number of requests in flight ({@code concurrency}) on
     * one hardware profile, what one replica needs there, and where the figures come from ({@code source}; null only
     * in snapshots stored before sources were recorded).
     */
    public record Benchmark(String hardware, int batchSize, double p99LatencyMs, double throughputRps,
            int acceleratorsPerReplica, double vcpusPerReplica, double memoryGiBPerReplica, int concurrency,
            BenchmarkSource source) {

        public Benchmark {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
            }
        }

        /** A measured row at one request in flight: what every row was before operating points (design 007). */
        public Benchmark(String hardware, int batchSize, double p99LatencyMs, double throughputRps,
                int acceleratorsPerReplica, double vcpusPerReplica, double memoryGiBPerReplica) {
            this(hardware, batchSize, p99LatencyMs, throughputRps, acceleratorsPerReplica, vcpusPerReplica,
                    memoryGiBPerReplica, 1, BenchmarkSource.MEASURED);
        }

        /** The same figures at another operating point and source. */
        public Benchmark at(int otherConcurrency, BenchmarkSource otherSource) {
            return new Benchmark(hardware, batchSize, p99LatencyMs, throughputRps, acceleratorsPerReplica,
                    vcpusPerReplica, memoryGiBPerReplica, otherConcurrency, otherSource);
        }

        /** Whether the figures are an estimate: a candidate only with the deployment's consent (design 007, B4). */
        public boolean estimated() {
            return source == BenchmarkSource.ESTIMATED;
        }

        public Resources perReplica() {
            return Resources.of(acceleratorsPerReplica, vcpusPerReplica, memoryGiBPerReplica);
        }
    }
}
