package io.modelfleet.catalog.repository;

import io.modelfleet.common.persistence.Queries;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class HardwareProfileRepository implements PanacheRepositoryBase<HardwareProfileEntity, Long> {

    /** The profile with its offerings, or null. */
    public Uni<HardwareProfileEntity> findByName(String name) {
        return find("select distinct p from HardwareProfileEntity p left join fetch p.offerings where p.name = ?1",
                name).list().map(Queries::atMostOne);
    }

    /** Every profile with its offerings. */
    public Uni<List<HardwareProfileEntity>> listWithOfferings() {
        return list("select distinct p from HardwareProfileEntity p left join fetch p.offerings");
    }

    /** Profiles by name with offerings, for resolving references in one query. */
    public Uni<List<HardwareProfileEntity>> findByNames(Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (names.size() == 1) {
            // A list parameter makes Hibernate translate the query to SQL on every execution; with one name (a
            // variant measured on one profile, the usual case) the cached translation is used.
            return list("select distinct p from HardwareProfileEntity p left join fetch p.offerings where p.name = ?1",
                    names.iterator().next());
        }
        return list("select distinct p from HardwareProfileEntity p left join fetch p.offerings where p.name in ?1",
                names);
    }

    /** One page of names, then the profiles with offerings: pagination and a collection fetch don't mix in SQL. */
    public Uni<List<HardwareProfileEntity>> page(int page, int size) {
        return find("select p.name from HardwareProfileEntity p order by p.name").project(String.class)
                .page(page, size).list()
                .chain(names -> findByNames(names).map(profiles -> profiles.stream()
                        .sorted((a, b) -> a.name.compareTo(b.name)).toList()));
    }

    /** Who still refers to a profile: variant benchmarks and node pools, as readable names. */
    public Uni<List<String>> referencesTo(long profileId) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select concat('variant ', b.variant.model.name, ' ', b.variant.version, ' ', b.variant.precision,"
                        + " ' (', cast(b.variant.id as String), ')') from BenchmarkEntity b"
                        + " where b.hardware.id = ?1 group by b.variant.model.name, b.variant.version,"
                        + " b.variant.precision, b.variant.id", String.class)
                .setParameter(1, profileId).getResultList()
                .chain(variants -> session.createSelectionQuery(
                        "select concat('node pool ', n.cluster.name, '/', n.name) from NodePoolEntity n"
                                + " where n.hardware.id = ?1 order by n.cluster.name, n.name", String.class)
                        .setParameter(1, profileId).getResultList()
                        .map(pools -> {
                            var all = new java.util.ArrayList<String>(variants);
                            all.sort(String::compareTo);
                            all.addAll(pools);
                            return List.copyOf(all);
                        })));
    }
}
