package io.modelfleet.catalog.repository;

import io.modelfleet.catalog.entity.ModelEntity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<ModelEntity, Long> {

    public Uni<ModelEntity> findByName(String name) {
        return find("name", name).firstResult();
    }

    public Uni<List<ModelEntity>> page(int page, int size) {
        return findAll(Sort.by("name")).page(page, size).list();
    }

    /** Names of deployments that serve this model; they keep it from being deleted. */
    public Uni<List<String>> deploymentsOf(long modelId) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select d.name from ModelDeploymentEntity d where d.model.id = ?1 order by d.name", String.class)
                .setParameter(1, modelId).getResultList());
    }
}
