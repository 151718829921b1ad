package io.modelfleet.dashboard.service;

import io.modelfleet.dashboard.dto.Frontier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class FrontierService {

    private final DashboardReads reads;

    public FrontierService(DashboardReads reads) {
        this.reads = reads;
    }

    /** Every model with benchmark rows, each row priced (FrontierCalculator), the catalog read as it is now. */
    public Uni<Frontier> frontier() {
        return reads.nodeCapacities().chain(nodes -> reads.benchmarkRows()
                .map(rows -> FrontierCalculator.of(rows, nodes)));
    }
}
