package io.modelfleet.planning.estimate;

/**
 * A benchmark row nobody measured: one replica at {@code batchSize}, its p99 latency and throughput as the roofline
 * model gives them, and the {@link Derivation} that shows every number behind them. It is evidence of a lower
 * quality than a measurement and is marked ESTIMATED wherever it goes (design 007, B4 and B7).
 */
public record Estimate(int batchSize, double p99LatencyMs, double throughputRps, Derivation derivation) {
}
