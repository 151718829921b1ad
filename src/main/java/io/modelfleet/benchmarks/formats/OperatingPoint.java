package io.modelfleet.benchmarks.formats;

import java.util.Objects;

/**
 * One measured level of a benchmark file: what the tool ran (batch size, concurrency or request rate, hardware)
 * and what it saw, in the units the catalog uses: latencies in milliseconds, throughput in inferences per second.
 *
 * @param line          1-based line of the file, or record index for JSON documents
 * @param origin        short text for provenance, e.g. "line 4 (Concurrency 8)"
 * @param batchSize     the client batch size, or null when the file does not say (perf_analyzer's -b flag)
 * @param concurrency   requests kept in flight, or null for request-rate or open-loop measurements
 * @param requestRate   the offered request rate per second for request-rate measurements, else null
 * @param hardware      the instance type the file names (SageMaker), or null
 * @param throughputRps inferences per second (a batch of 8 counts 8)
 */
public record OperatingPoint(int line, String origin, Integer batchSize, Integer concurrency, Double requestRate,
        Double p50Ms, Double p90Ms, Double p95Ms, double p99Ms, double throughputRps, String hardware) {

    /** Parsers check every value against its place in the file first; this only guards against a parser bug. */
    public OperatingPoint {
        Objects.requireNonNull(origin, "origin");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
        if (!(p99Ms > 0) || !Double.isFinite(p99Ms) || !(throughputRps > 0) || !Double.isFinite(throughputRps)) {
            throw new IllegalArgumentException("p99 and throughput must be finite and positive: " + origin);
        }
    }
}
