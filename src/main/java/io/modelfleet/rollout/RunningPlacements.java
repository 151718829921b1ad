package io.modelfleet.rollout;

import io.modelfleet.rollout.entity.RunningPlacement;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** Reads what each cluster runs for each deployment (the rollout engine records it as it completes clusters). */
@ApplicationScoped
public class RunningPlacements {

    /** What runs now for these deployments, on every cluster. */
    public Uni<List<RunningPlacement>> of(Collection<String> deployments) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from RunningPlacement r where r.key.deployment in ?1 order by r.key.deployment, r.key.cluster",
                RunningPlacement.class).setParameter(1, deployments).getResultList());
    }
}
