package io.modelfleet.profiling.domain;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.fleet.domain.TargetType;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a run of one hardware profile goes when several pools have that hardware: a KUBERNETES cluster before a
 * GITOPS one (its results come back without anyone posting them), then by cluster name, then by pool name. The
 * same fleet always gives the same choice.
 */
public final class PoolChoice {

    /** A node pool the run could use. */
    public record Candidate(String cluster, String pool, String hardware, TargetType targetType,
            CapacityType capacityType) {
    }

    static final Comparator<Candidate> ORDER = Comparator
            .comparing((Candidate c) -> c.targetType() == TargetType.KUBERNETES ? 0 : 1)
            .thenComparing(Candidate::cluster).thenComparing(Candidate::pool);

    private PoolChoice() {
    }

    public static Optional<Candidate> choose(List<Candidate> pools) {
        return pools.stream().min(ORDER);
    }
}
