package io.modelfleet.loadgen;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One measured operating point, as the result document carries it.
 *
 * <ul>
 *   <li>{@code requests}: requests that succeeded in the measured window; {@code errors}: requests that failed in it.
 *       Failed requests have no latency, so they count in neither the latencies nor the throughput.</li>
 *   <li>{@code inferences} = requests x batch size: each successful request infers a whole batch.</li>
 *   <li>{@code durationSeconds}: from the moment all requesters start measuring to the end of the last request of
 *       the window (no request starts after the window's deadline, and each one in flight then is waited for).</li>
 *   <li>{@code throughputRps} = inferences / durationSeconds.</li>
 *   <li>{@code meanMs}, {@code p50Ms}, {@code p90Ms}, {@code p99Ms}: over the successful requests' latencies
 *       ({@link LatencyStats}); null when no request succeeded.</li>
 * </ul>
 * Latencies and the duration are given to the nanosecond the clock measures them in; throughput to 0.01/s.
 */
@JsonPropertyOrder({"batchSize", "concurrency", "durationSeconds", "requests", "inferences", "errors", "throughputRps",
        "meanMs", "p50Ms", "p90Ms", "p99Ms"})
record PointResult(int batchSize, int concurrency, double durationSeconds, long requests, long inferences,
                   long errors, double throughputRps, Double meanMs, Double p50Ms, Double p90Ms, Double p99Ms) {

    static PointResult of(int batchSize, int concurrency, long windowNanos, long[] sortedLatencyNanos, long errors) {
        double seconds = windowNanos / 1e9;
        long requests = sortedLatencyNanos.length;
        long inferences = requests * batchSize;
        if (requests == 0) {
            return new PointResult(batchSize, concurrency, round(seconds, 9), 0, 0, errors, 0.0,
                    null, null, null, null);
        }
        LatencyStats stats = LatencyStats.of(sortedLatencyNanos);
        return new PointResult(batchSize, concurrency, round(seconds, 9), requests, inferences, errors,
                round(inferences / seconds, 2), round(stats.meanMs(), 6), round(stats.p50Ms(), 6),
                round(stats.p90Ms(), 6), round(stats.p99Ms(), 6));
    }

    /** Failed requests over all requests of the window (0 when none was made). */
    @JsonIgnore
    double errorRate() {
        long all = requests + errors;
        return all == 0 ? 0 : (double) errors / all;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
