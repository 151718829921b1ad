package io.modelfleet.loadgen;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Nearest-rank percentiles and the point's derived figures, on latencies whose answers are known by hand. */
class LatencyStatsTest {

    private static final long MS = 1_000_000;

    @Test
    void hundredLatenciesOfOneToHundredMsHaveTheirRankAsPercentile() {
        long[] latencies = LongStream.rangeClosed(1, 100).map(ms -> ms * MS).toArray();

        LatencyStats stats = LatencyStats.of(latencies);

        assertEquals(50.5, stats.meanMs(), 1e-12);
        assertEquals(50.0, stats.p50Ms());
        assertEquals(90.0, stats.p90Ms());
        assertEquals(99.0, stats.p99Ms());
    }

    @Test
    void nearestRankRoundsTheRankUpAndNeverInterpolates() {
        // n = 3: ranks ceil(1.5) = 2, ceil(2.7) = 3, ceil(2.97) = 3
        long[] latencies = {2 * MS, 4 * MS, 9 * MS};

        LatencyStats stats = LatencyStats.of(latencies);

        assertEquals(5.0, stats.meanMs(), 1e-12);
        assertEquals(4.0, stats.p50Ms());
        assertEquals(9.0, stats.p90Ms());
        assertEquals(9.0, stats.p99Ms());
    }

    @Test
    void oneLatencyIsEveryPercentile() {
        LatencyStats stats = LatencyStats.of(new long[] {1_234_567});

        assertEquals(1.234567, stats.meanMs(), 1e-12);
        assertEquals(1.234567, stats.p50Ms());
        assertEquals(1.234567, stats.p99Ms());
    }

    @Test
    void p99OfTwoHundredLatenciesIsTheHundredNinetyEighth() {
        // ceil(0.99 x 200) = 198: computed in integers, so no float error can make it 199
        long[] latencies = LongStream.rangeClosed(1, 200).toArray();

        assertEquals(198 / 1e6, LatencyStats.percentile(latencies, 99));
        assertEquals(100 / 1e6, LatencyStats.percentile(latencies, 50));
    }

    @Test
    void pointCountsInferencesAsRequestsTimesBatchOverTheWindow() {
        long[] latencies = {2 * MS, 4 * MS, 9 * MS};

        PointResult point = PointResult.of(8, 2, 2_000_000_000L, latencies, 1);

        assertEquals(2.0, point.durationSeconds());
        assertEquals(3, point.requests());
        assertEquals(24, point.inferences());
        assertEquals(12.0, point.throughputRps());
        assertEquals(5.0, point.meanMs());
        assertEquals(0.25, point.errorRate());
    }

    @Test
    void pointWithoutASuccessfulRequestHasNoLatencies() {
        PointResult point = PointResult.of(1, 1, 500_000_000L, new long[0], 7);

        assertEquals(0, point.requests());
        assertEquals(0.0, point.throughputRps());
        assertNull(point.meanMs());
        assertNull(point.p99Ms());
        assertEquals(1.0, point.errorRate());
    }

    @Test
    void logsOfSeveralRequestersMergeIntoOneSortedArray() {
        LatencyLog first = new LatencyLog();
        LatencyLog second = new LatencyLog();
        for (long nanos = 5000; nanos > 0; nanos--) {
            (nanos % 2 == 0 ? first : second).success(nanos);
        }
        second.error();

        long[] merged = LatencyLog.sortedUnion(List.of(first, second));

        assertArrayEquals(LongStream.rangeClosed(1, 5000).toArray(), merged);
        assertEquals(1, second.errors());
        assertEquals(2500, first.successes());
    }
}
