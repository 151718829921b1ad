package io.modelfleet.dashboard.service;

import io.modelfleet.api.ProblemException;
import io.modelfleet.dashboard.dto.PlanNodes;
import io.modelfleet.plans.PlanJson;
import io.modelfleet.plans.PlanRepository;
import io.modelfleet.planning.PlanResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class PlanNodesService {

    private final PlanRepository plans;

    public PlanNodesService(PlanRepository plans) {
        this.plans = plans;
    }

    /** The stored plan's nodes with their use; 404 when there is no such plan, 409 while it has no result. */
    @WithSession
    public Uni<PlanNodes> nodes(UUID id) {
        return plans.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("no plan " + id))
                .map(plan -> {
                    // A plan job still solving (or one that failed) stores no packing: its result is {} or absent.
                    PlanResult result = plan.result == null ? null : PlanJson.result(plan);
                    if (result == null || result.placements() == null || result.nodes() == null) {
                        throw ProblemException.conflict("plan " + id + " has no result yet (status " + plan.status
                                + ")");
                    }
                    return NodeUse.of(plan.id, result, PlanJson.snapshot(plan));
                });
    }
}
