package io.modelfleet.benchmarks.formats;

/**
 * Builds an {@link OperatingPoint} by name: its constructor takes eleven values, five of them doubles that a
 * positional call could swap unnoticed (p95 for p99, rate for throughput).
 */
final class PointDraft {

    private final int line;
    private final String origin;
    private Integer batchSize;
    private Integer concurrency;
    private Double requestRate;
    private Double p50Ms;
    private Double p90Ms;
    private Double p95Ms;
    private Double p99Ms;
    private Double throughputRps;
    private String hardware;

    private PointDraft(int line, String origin) {
        this.line = line;
        this.origin = origin;
    }

    static PointDraft at(int line, String origin) {
        return new PointDraft(line, origin);
    }

    PointDraft batchSize(Integer value) {
        batchSize = value;
        return this;
    }

    PointDraft concurrency(Integer value) {
        concurrency = value;
        return this;
    }

    PointDraft requestRate(Double value) {
        requestRate = value;
        return this;
    }

    PointDraft p50Ms(Double value) {
        p50Ms = value;
        return this;
    }

    PointDraft p90Ms(Double value) {
        p90Ms = value;
        return this;
    }

    PointDraft p95Ms(Double value) {
        p95Ms = value;
        return this;
    }

    PointDraft p99Ms(double value) {
        p99Ms = value;
        return this;
    }

    PointDraft throughputRps(double value) {
        throughputRps = value;
        return this;
    }

    PointDraft hardware(String value) {
        hardware = value;
        return this;
    }

    OperatingPoint build() {
        if (p99Ms == null || throughputRps == null) {
            throw new IllegalStateException("a point needs p99 and throughput: " + origin);
        }
        return new OperatingPoint(line, origin, batchSize, concurrency, requestRate, p50Ms, p90Ms, p95Ms, p99Ms,
                throughputRps, hardware);
    }
}
