package io.modelfleet.benchmarks.service;

import java.util.UUID;

/**
 * A benchmark tool's file and what the request says about it: the format (or null to detect it), the hardware the
 * figures were measured on (or null when the file names it), the batch size and concurrency for files that do not
 * record them, and what one replica was given.
 */
public record ImportRequest(String model, UUID variantId, String format, String contentType, String hardware,
        Integer batchSize, Integer concurrency, BenchmarkRows.PerReplica perReplica, byte[] body, String actor) {
}
