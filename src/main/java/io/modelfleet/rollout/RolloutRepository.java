package io.modelfleet.rollout;

import io.modelfleet.common.persistence.Queries;
import io.modelfleet.rollout.entity.RolloutEntity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RolloutRepository implements PanacheRepositoryBase<RolloutEntity, UUID> {

    /** The rollout with its clusters and their steps (two fetches: Hibernate cannot join-fetch two bags at once). */
    public Uni<RolloutEntity> findFull(UUID id) {
        return find("select distinct r from RolloutEntity r left join fetch r.clusters where r.id = ?1", id).list()
                .map(Queries::atMostOne)
                .call(r -> r == null || r.clusters.isEmpty() ? Uni.createFrom().nullItem()
                        : getSession().chain(s -> s.createSelectionQuery("select distinct c from RolloutClusterEntity c"
                                + " left join fetch c.steps where c.rollout.id = ?1", Object.class)
                                .setParameter(1, id).getResultList()));
    }

    public Uni<List<RolloutEntity>> page(int page, int size) {
        return find("order by createdAt desc, id").page(page, size).list();
    }
}
