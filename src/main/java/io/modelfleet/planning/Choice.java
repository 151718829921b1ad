package io.modelfleet.planning;

import io.modelfleet.catalog.domain.Precision;

/**
 * One pair's placement in an evaluation: the variant on a pool at a batch size, its replicas, and the hourly cost
 * attributed to it (its share of the nodes it sits on, as plans attribute cost).
 */
public record Choice(String variantId, Precision precision, String hardware, String pool, int batchSize,
        int replicas, double throughputRpsPerReplica, double hourlyCostUsd) {

    static Choice of(Candidate c, double hourlyCostUsd) {
        return new Choice(c.variant().id(), c.variant().precision(), c.hardware().name(), c.pool().name(),
                c.benchmark().batchSize(), c.replicas(), c.benchmark().throughputRps(), Money.round(hourlyCostUsd));
    }

    /** Whether this runs the same workload as {@code other}: the same variant on the same pool. */
    public boolean sameWorkload(Choice other) {
        return other != null && variantId.equals(other.variantId) && pool.equals(other.pool);
    }
}
