package io.modelfleet.rollout;

import io.modelfleet.common.Clock;
import io.modelfleet.planning.PlanResult;
import io.modelfleet.plans.PlanJson;
import io.modelfleet.plans.PlanRepository;
import io.modelfleet.rollout.entity.RunningPlacement;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Keeps the record of what each cluster runs for each deployment, as rollouts complete clusters. */
@ApplicationScoped
public class RunningPlacements {

    private final PlanRepository plans;

    public RunningPlacements(PlanRepository plans) {
        this.plans = plans;
    }

    /** Called when a rollout finished a cluster: its placements from the plan become what runs there. */
    public Uni<Void> record(UUID rolloutId, UUID planId, String cluster) {
        return Panache.withTransaction(() -> plans.findById(planId).chain(plan -> {
            List<PlanResult.Placement> placements = PlanJson.result(plan).placements().stream()
                    .filter(p -> p.cluster().equals(cluster)).toList();
            return Panache.getSession().chain(session -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (PlanResult.Placement p : placements) {
                    RunningPlacement r = new RunningPlacement();
                    r.key = new RunningPlacement.Key(p.deployment(), p.cluster());
                    r.rolloutId = rolloutId;
                    r.planId = planId;
                    r.variantId = p.variantId();
                    r.precision = p.precision();
                    r.hardware = p.hardware();
                    r.pool = p.pool();
                    r.replicas = p.replicas();
                    r.hourlyCostUsd = p.hourlyCostUsd();
                    r.updatedAt = Clock.now();
                    chain = chain.chain(() -> session.merge(r)).replaceWithVoid();
                }
                return chain;
            });
        }));
    }

    /** What runs now for these deployments, on every cluster. */
    public Uni<List<RunningPlacement>> of(Collection<String> deployments) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from RunningPlacement r where r.key.deployment in ?1 order by r.key.deployment, r.key.cluster",
                RunningPlacement.class).setParameter(1, deployments).getResultList());
    }
}
