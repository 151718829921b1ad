package io.modelfleet.loadgen;

/**
 * Mean and percentiles of a point's latencies, in milliseconds.
 *
 * <p>Percentiles are exact, by the nearest-rank method over all n sorted latencies: the p-th percentile is the
 * smallest latency such that at least p% of the requests took no longer, i.e. the value at (1-based) rank
 * {@code ceil(p / 100 * n)}. It is always a latency that was measured (no interpolation), so a p99 of 12.3 ms means
 * a request took 12.3 ms and 99% took no longer. Of 100 latencies 1..100 ms, p50 is 50, p90 90 and p99 99.
 */
record LatencyStats(double meanMs, double p50Ms, double p90Ms, double p99Ms) {

    private static final double NANOS_PER_MS = 1_000_000.0;

    /** @param sortedNanos at least one latency, ascending */
    static LatencyStats of(long[] sortedNanos) {
        if (sortedNanos.length == 0) {
            throw new IllegalArgumentException("no latencies");
        }
        double sum = 0;
        for (long nanos : sortedNanos) {
            sum += nanos;
        }
        return new LatencyStats(sum / sortedNanos.length / NANOS_PER_MS, percentile(sortedNanos, 50),
                percentile(sortedNanos, 90), percentile(sortedNanos, 99));
    }

    static double percentile(long[] sortedNanos, int percent) {
        // ceil(p * n / 100) in integers, so 0.99 * 100 cannot round to 98.99999 and pick the wrong rank
        long rank = ((long) percent * sortedNanos.length + 99) / 100;
        int index = (int) Math.max(1, rank) - 1;
        return sortedNanos[index] / NANOS_PER_MS;
    }
}
