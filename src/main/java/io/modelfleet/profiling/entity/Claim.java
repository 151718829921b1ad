package io.modelfleet.profiling.entity;

/** A run this replica claimed, with the token its transitions must still find on the row to commit. */
public record Claim(ProfilingRun run, long token) {
}
