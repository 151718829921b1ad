package io.modelfleet.catalog.domain;

/**
 * Where a benchmark figure comes from: measured by the team, imported from a public result, estimated, or
 * OBSERVED: recorded by ModelFleet from a running placement's metrics (never sent by users, never a planning
 * candidate; evidence beside the row it was planned with).
 */
public enum BenchmarkSource {
    MEASURED, IMPORTED, ESTIMATED, OBSERVED
}
