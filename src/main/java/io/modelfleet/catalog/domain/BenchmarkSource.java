package io.modelfleet.catalog.domain;

/** Where a benchmark figure comes from: measured by the team, imported from a public result, or estimated. */
public enum BenchmarkSource {
    MEASURED, IMPORTED, ESTIMATED
}
