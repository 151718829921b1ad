package io.modelfleet.catalog.repository;

import io.modelfleet.common.persistence.Queries;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.entity.VariantEntity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.UUID;

@ApplicationScoped
public class VariantRepository implements PanacheRepositoryBase<VariantEntity, UUID> {

    private static final String WITH_BENCHMARKS = "select distinct v from VariantEntity v join fetch v.model"
            + " left join fetch v.benchmarks b left join fetch b.hardware ";

    /** A variant of the named model with its benchmarks, or null (also when the id belongs to another model). */
    public Uni<VariantEntity> findInModel(String model, UUID id) {
        return find(WITH_BENCHMARKS + "where v.id = ?1 and v.model.name = ?2", id, model).list().map(Queries::atMostOne);
    }

    public Uni<VariantEntity> findByNaturalKey(long modelId, String version, Precision precision,
            String compressionKey, String format) {
        return find(WITH_BENCHMARKS + "where v.model.id = ?1 and v.version = ?2 and v.precision = ?3"
                + " and v.compressionKey = ?4 and v.format = ?5", modelId, version, precision, compressionKey, format)
                .list().map(Queries::atMostOne);
    }

    /** One page of a model's variants (by version, precision, id), then their benchmarks in a second query. */
    public Uni<List<VariantEntity>> page(long modelId, int page, int size) {
        return find("select v.id from VariantEntity v where v.model.id = ?1 order by v.version, v.precision, v.id",
                modelId).project(UUID.class).page(page, size).list()
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<VariantEntity>of())
                        : list(WITH_BENCHMARKS + "where v.id in ?1", ids).map(variants -> variants.stream()
                                .sorted((a, b) -> Integer.compare(ids.indexOf(a.id), ids.indexOf(b.id))).toList()));
    }

    /** Variants by id with model, benchmarks and hardware. */
    public Uni<List<VariantEntity>> findByIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list(WITH_BENCHMARKS + "where v.id in ?1", ids);
    }

    /** Every variant of the named models, with benchmarks and their hardware. */
    public Uni<List<VariantEntity>> ofModels(java.util.Collection<String> models) {
        if (models.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list(WITH_BENCHMARKS + "where v.model.name in ?1", models);
    }

    public Uni<Long> countInModel(long modelId) {
        return count("model.id", modelId);
    }

    /** Variant counts per model id, in one query (a reactive session must not run queries concurrently). */
    public Uni<Map<Long, Long>> countsByModel(List<Long> modelIds) {
        if (modelIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(session -> session.createSelectionQuery(
                "select v.model.id, count(v) from VariantEntity v where v.model.id in ?1 group by v.model.id",
                Object[].class).setParameter(1, modelIds).getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> (Long) r[0], r -> (Long) r[1])));
    }
}
