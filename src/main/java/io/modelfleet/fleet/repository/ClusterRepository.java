package io.modelfleet.fleet.repository;

import io.modelfleet.common.persistence.Queries;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class ClusterRepository implements PanacheRepositoryBase<ClusterEntity, Long> {

    private static final String WITH_POOLS = "select distinct c from ClusterEntity c left join fetch c.nodePools n"
            + " left join fetch n.hardware ";

    public Uni<ClusterEntity> findByName(String name) {
        return find(WITH_POOLS + "where c.name = ?1", name).list().map(Queries::atMostOne);
    }

    public Uni<List<ClusterEntity>> findByNames(Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list(WITH_POOLS + "where c.name in ?1", names);
    }

    public Uni<List<ClusterEntity>> page(int page, int size) {
        return find("select c.name from ClusterEntity c order by c.name").project(String.class).page(page, size)
                .list().chain(names -> findByNames(names).map(clusters -> clusters.stream()
                        .sorted((a, b) -> a.name.compareTo(b.name)).toList()));
    }

    /** Deployments with demand on this cluster; they keep it from being deleted. */
    public Uni<List<String>> deploymentsOn(long clusterId) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select d.deployment.name from DemandEntity d where d.cluster.id = ?1 order by d.deployment.name",
                String.class).setParameter(1, clusterId).getResultList());
    }

    /** Rollouts that have not ended and have a step on this cluster, oldest first. */
    public Uni<List<ActiveRollout>> activeRolloutsOn(String cluster) {
        return getSession().chain(session -> session.createNativeQuery("SELECT CAST(r.id AS VARCHAR), r.status"
                + " FROM rollout r JOIN rollout_cluster c ON c.rollout_id = r.id WHERE c.cluster = ?1 AND "
                + ActiveRollout.NOT_ENDED + " ORDER BY r.created_at, r.id", Object[].class)
                .setParameter(1, cluster).getResultList())
                .map(rows -> rows.stream().map(ActiveRollout::of).toList());
    }

    /** Deployments ModelFleet runs on this cluster, as the last rollout of each that finished here left them. */
    public Uni<List<String>> deploymentsRunningOn(String cluster) {
        return getSession().chain(session -> session.createNativeQuery(
                "SELECT deployment FROM running_placement WHERE cluster = ?1 ORDER BY deployment", String.class)
                .setParameter(1, cluster).getResultList());
    }

    /**
     * The first other cluster (by name) whose GitOps folder is one of {@code selfAndAncestors} or lies in
     * [{@code insideFrom}, {@code insideTo}) in byte order ({@code insideTo} null: no upper bound), as
     * {name, folder}; null when none. Uses the index of V11.
     */
    public Uni<String[]> gitOpsFolderCollision(String name, List<String> selfAndAncestors, String insideFrom,
            String insideTo) {
        String sql = "SELECT name, gitops_directory FROM cluster WHERE name <> ?1 AND gitops_directory IS NOT NULL"
                + " AND (gitops_directory COLLATE \"C\" IN (?2) OR (gitops_directory COLLATE \"C\" >= ?3"
                + (insideTo == null ? "" : " AND gitops_directory COLLATE \"C\" < ?4") + ")) ORDER BY name LIMIT 1";
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter(1, name)
                    .setParameter(2, selfAndAncestors).setParameter(3, insideFrom);
            if (insideTo != null) {
                query.setParameter(4, insideTo);
            }
            return query.getResultList();
        }).map(rows -> rows.isEmpty() ? null : new String[] {(String) rows.get(0)[0], (String) rows.get(0)[1]});
    }
}
