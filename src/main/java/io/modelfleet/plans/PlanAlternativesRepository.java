package io.modelfleet.plans;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PlanAlternativesRepository implements PanacheRepositoryBase<PlanAlternativesEntity, UUID> {

    /** The plan's pairs in (deployment, cluster) order, narrowed to a deployment and/or a cluster when given. */
    public Uni<List<PlanAlternativesEntity>> ofPlan(UUID planId, String deployment, String cluster) {
        StringBuilder query = new StringBuilder("planId = :plan");
        Parameters params = Parameters.with("plan", planId);
        if (deployment != null) {
            query.append(" and deployment = :deployment");
            params.and("deployment", deployment);
        }
        if (cluster != null) {
            query.append(" and cluster = :cluster");
            params.and("cluster", cluster);
        }
        return find(query.append(" order by position").toString(), params).list();
    }
}
