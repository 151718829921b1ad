package io.modelfleet.plans;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<PlanEntity, UUID> {

    /** Newest first; ties broken by id so pages are stable. */
    public Uni<List<PlanEntity>> page(int page, int size) {
        return findAll(Sort.by("createdAt").descending().and("id")).page(page, size).list();
    }
}
