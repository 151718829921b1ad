package io.modelfleet.planning;

import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.snapshot.Variant;

/**
 * One considered way to serve a pair, as the plan explains it: chosen, rejected by a rule (with the measured
 * values), or feasible but dearer. {@code batchSize}, {@code concurrency} and {@code source} are those of its
 * benchmark row (null when it was rejected before a row was read); {@code candidate} is null for rejected options.
 */
public record Option(Variant variant, String hardware, String pool, Integer batchSize, Integer concurrency,
        BenchmarkSource source, Integer replicas, Rule rule, String detail, Candidate candidate) {

    /** Rejected before any benchmark row was read (the precision, or no row on the hardware). */
    static Option rejected(Variant variant, String hardware, String pool, Rule rule, String detail) {
        return new Option(variant, hardware, pool, null, null, null, null, rule, detail, null);
    }

    /** Rejected at one benchmark row. */
    static Option rejected(Variant variant, String hardware, String pool, Variant.Benchmark row, Integer replicas,
            Rule rule, String detail) {
        return new Option(variant, hardware, pool, row.batchSize(), row.concurrency(), row.source(), replicas, rule,
                detail, null);
    }

    static Option feasible(Candidate c) {
        Variant.Benchmark b = c.benchmark();
        return new Option(c.variant(), c.hardware().name(), c.pool().name(), b.batchSize(), b.concurrency(),
                b.source(), c.replicas(), null, null, c);
    }

    /** The same option, rejected by {@code by} with {@code why}: how a feasible option is taken back. */
    Option rejectedBy(Rule by, String why) {
        return new Option(variant, hardware, pool, batchSize, concurrency, source, replicas, by, why, null);
    }

    public String variantId() {
        return variant.id();
    }

    public Precision precision() {
        return variant.precision();
    }

    public boolean isFeasible() {
        return candidate != null;
    }
}
