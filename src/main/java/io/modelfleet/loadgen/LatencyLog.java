package io.modelfleet.loadgen;

import java.util.Arrays;

/**
 * The latencies (nanoseconds) of one requester's successful requests, in a growing primitive array: a requester
 * appends one number per request, so no boxing or locking sits between two requests.
 */
final class LatencyLog {

    private long[] nanos = new long[4096];
    private int size;
    private long errors;

    void success(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    void error() {
        errors++;
    }

    int successes() {
        return size;
    }

    long errors() {
        return errors;
    }

    /** Every requester's latencies in one sorted array. */
    static long[] sortedUnion(Iterable<LatencyLog> logs) {
        int total = 0;
        for (LatencyLog log : logs) {
            total = Math.addExact(total, log.size);
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyLog log : logs) {
            System.arraycopy(log.nanos, 0, all, at, log.size);
            at += log.size;
        }
        Arrays.sort(all);
        return all;
    }
}
