package io.modelfleet.planning;

import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.planning.snapshot.Variant;

/**
 * One considered way to serve a pair, as the plan explains it: chosen, rejected by a rule (with the measured
 * values), or feasible but dearer. {@code candidate} is null for rejected options.
 */
public record Option(Variant variant, String hardware, String pool, Integer batchSize, Integer replicas, Rule rule,
        String detail, Candidate candidate) {

    static Option rejected(Variant variant, String hardware, String pool, Integer batchSize, Integer replicas,
            Rule rule, String detail) {
        return new Option(variant, hardware, pool, batchSize, replicas, rule, detail, null);
    }

    static Option feasible(Candidate c) {
        return new Option(c.variant(), c.hardware().name(), c.pool().name(), c.benchmark().batchSize(),
                c.replicas(), null, null, c);
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
