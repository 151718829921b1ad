package io.modelfleet.catalog.service;

import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Revisions;
import io.modelfleet.catalog.dto.ModelSpec;
import io.modelfleet.catalog.dto.ModelView;
import io.modelfleet.catalog.entity.ModelEntity;
import io.modelfleet.catalog.repository.ModelRepository;
import io.modelfleet.catalog.repository.ModelWrites;
import io.modelfleet.catalog.repository.VariantRepository;
import io.modelfleet.common.Clock;
import io.modelfleet.common.Saved;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Model families. Deleting a model deletes its variants; a model that deployments serve cannot be deleted. */
@ApplicationScoped
public class ModelService {

    private final ModelRepository models;
    private final VariantRepository variants;

    private final ModelWrites writes;

    public ModelService(ModelRepository models, VariantRepository variants, ModelWrites writes) {
        this.models = models;
        this.variants = variants;
        this.writes = writes;
    }

    @WithSession
    public Uni<ModelView> get(String name) {
        return require(name).chain(this::view);
    }

    @WithSession
    public Uni<Page<ModelView>> list(PageRequest page) {
        return models.page(page.page(), page.size())
                .chain(items -> variants.countsByModel(items.stream().map(m -> m.id).toList())
                        .map(counts -> items.stream().map(e -> view(e, counts.getOrDefault(e.id, 0L))).toList()))
                .chain(views -> models.count().map(total -> new Page<>(views, page.page(), page.size(), total)));
    }

    /** Plain SQL in one transaction (a hot write); imports keep using {@link #upsert} inside their own. */
    public Uni<Saved<ModelView>> put(ModelSpec spec, String ifMatch) {
        String what = "model '" + spec.name() + "'";
        return writes.put(spec.name(), spec.task(), spec.accuracyMetric(), Clock.now(), revision -> {
            if (revision == null) {
                Revisions.checkAbsent(what, ifMatch);
            } else {
                Revisions.check(what, ifMatch, revision);
            }
        }, () -> {
            throw ProblemException.conflict(what + " was created by another request at the same time; read it and"
                    + " retry with If-Match");
        }).map(written -> new Saved<>(written.view(), written.created()));
    }

    Uni<Upserted<ModelEntity>> upsert(ModelSpec spec, String ifMatch) {
        String what = "model '" + spec.name() + "'";
        return models.findByName(spec.name()).chain(existing -> {
            if (existing == null) {
                Revisions.checkAbsent(what, ifMatch);
                ModelEntity created = new ModelEntity();
                created.createdAt = Clock.now();
                apply(spec, created);
                return models.persist(created).map(Upserted::created);
            }
            Revisions.check(what, ifMatch, existing.revision);
            if (existing.task.equals(spec.task()) && existing.accuracyMetric.equals(spec.accuracyMetric())) {
                return Uni.createFrom().item(Upserted.unchanged(existing));
            }
            apply(spec, existing);
            return models.flush().map(ignored -> Upserted.updated(existing));
        });
    }

    @WithTransaction
    public Uni<Void> delete(String name, String ifMatch) {
        return require(name).chain(model -> {
            Revisions.check("model '" + name + "'", ifMatch, model.revision);
            return models.deploymentsOf(model.id).chain(deployments -> {
                if (!deployments.isEmpty()) {
                    throw ProblemException.conflict("model '" + name + "' is still served by deployments "
                            + String.join(", ", deployments));
                }
                return models.delete(model);
            });
        });
    }

    Uni<ModelEntity> require(String name) {
        return models.findByName(name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no model named '" + name + "'"));
    }

    private Uni<ModelView> view(ModelEntity e) {
        return variants.countInModel(e.id).map(count -> view(e, count));
    }

    private static ModelView view(ModelEntity e, long variantCount) {
        return new ModelView(e.name, e.task, e.accuracyMetric, variantCount, e.revision, e.createdAt, e.updatedAt);
    }

    private static void apply(ModelSpec spec, ModelEntity e) {
        e.name = spec.name();
        e.task = spec.task();
        e.accuracyMetric = spec.accuracyMetric();
        e.updatedAt = Clock.now();
    }
}
