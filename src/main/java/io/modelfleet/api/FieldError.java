package io.modelfleet.api;

/** One offending field of a request: a JSON path such as {@code benchmarks[0].p99LatencyMs} and what is wrong. */
public record FieldError(String field, String message) {
}
