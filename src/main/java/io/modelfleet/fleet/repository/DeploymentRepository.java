package io.modelfleet.fleet.repository;

import io.modelfleet.common.persistence.Queries;
import io.modelfleet.fleet.entity.ModelDeploymentEntity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<ModelDeploymentEntity, Long> {

    private static final String WITH_DEMAND = "select distinct d from ModelDeploymentEntity d join fetch d.model"
            + " left join fetch d.demand x left join fetch x.cluster ";

    public Uni<ModelDeploymentEntity> findByName(String name) {
        return find(WITH_DEMAND + "where d.name = ?1", name).list().map(Queries::atMostOne);
    }

    public Uni<List<ModelDeploymentEntity>> findByNames(Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list(WITH_DEMAND + "where d.name in ?1", names);
    }

    public Uni<List<String>> allNames() {
        return find("select d.name from ModelDeploymentEntity d order by d.name").project(String.class).list();
    }

    public Uni<List<ModelDeploymentEntity>> page(int page, int size) {
        return find("select d.name from ModelDeploymentEntity d order by d.name").project(String.class)
                .page(page, size).list().chain(names -> findByNames(names).map(items -> items.stream()
                        .sorted((a, b) -> a.name.compareTo(b.name)).toList()));
    }

    /** Rollouts that have not ended and roll this deployment out, oldest first. */
    public Uni<List<ActiveRollout>> activeRolloutsOf(String deployment) {
        return getSession().chain(session -> session.createNativeQuery("SELECT CAST(r.id AS VARCHAR), r.status"
                + " FROM rollout r JOIN active_rollout_deployment a ON a.rollout_id = r.id WHERE a.deployment = ?1"
                + " AND " + ActiveRollout.NOT_ENDED + " ORDER BY r.created_at, r.id", Object[].class)
                .setParameter(1, deployment).getResultList())
                .map(rows -> rows.stream().map(ActiveRollout::of).toList());
    }
}
