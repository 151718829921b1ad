package io.modelfleet.fleet.service;

import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Revisions;
import io.modelfleet.api.Violations;
import io.modelfleet.catalog.repository.ModelRepository;
import io.modelfleet.common.Clock;
import io.modelfleet.common.Saved;
import io.modelfleet.fleet.dto.DeploymentSpec;
import io.modelfleet.fleet.dto.DeploymentView;
import io.modelfleet.fleet.entity.ModelDeploymentEntity;
import io.modelfleet.fleet.repository.ActiveRollout;
import io.modelfleet.fleet.repository.ClusterRepository;
import io.modelfleet.fleet.repository.DeploymentRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.modelfleet.fleet.repository.DeploymentWrites;
import io.modelfleet.fleet.repository.FleetReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.stream.Collectors;

/** Deployments: a model version, its SLO and its demand per cluster. */
@ApplicationScoped
public class DeploymentService {

    private final DeploymentRepository deployments;
    private final ModelRepository models;
    private final ClusterRepository clusters;

    /** Injected by field so the constructor other areas extend stays as it is. */
    @Inject
    FleetReads reads;

    @Inject
    DeploymentWrites writes;

    @Inject
    io.modelfleet.placement.PlacementTriggers triggers;

    public DeploymentService(DeploymentRepository deployments, ModelRepository models, ClusterRepository clusters) {
        this.deployments = deployments;
        this.models = models;
        this.clusters = clusters;
    }

    /** Plain SQL (a hot read), mapped by FleetMapper like every other view. */
    public Uni<DeploymentView> get(String name) {
        return reads.deployment(name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no deployment named '" + name + "'")).map(FleetMapper::view);
    }

    @WithSession
    public Uni<Page<DeploymentView>> list(PageRequest page) {
        return deployments.page(page.page(), page.size()).chain(items -> deployments.count().map(total ->
                new Page<>(items.stream().map(FleetMapper::view).toList(), page.page(), page.size(), total)));
    }

    /**
     * Creates or replaces; {@code spec} must already be normalized by {@link DeploymentRules}. Plain SQL in one
     * transaction (a hot write), decided by the same checks and FleetMapper as before.
     */
    public Uni<Saved<DeploymentView>> put(DeploymentSpec spec, String ifMatch) {
        String what = "deployment '" + spec.name() + "'";
        var clusterNames = spec.demand().stream().map(DeploymentSpec.Demand::cluster).toList();
        return writes.put(spec.name(), spec.model(), clusterNames, (refs, stored) -> {
            Violations v = new Violations();
            if (refs.model() == null) {
                v.add("model", "no model named '" + spec.model() + "'");
            }
            for (int i = 0; i < clusterNames.size(); i++) {
                if (!refs.clusters().containsKey(clusterNames.get(i))) {
                    v.add("demand[" + i + "].cluster", "no cluster named '" + clusterNames.get(i) + "'");
                }
            }
            v.throwIfAny();
            if (stored == null) {
                Revisions.checkAbsent(what, ifMatch);
                ModelDeploymentEntity created = new ModelDeploymentEntity();
                created.createdAt = Clock.now();
                FleetMapper.apply(allowEstimated(spec, false), created, refs.model(), refs.clusters());
                return created;
            }
            Revisions.check(what, ifMatch, stored.revision);
            DeploymentSpec next = allowEstimated(spec, stored.allowEstimated);
            if (FleetMapper.spec(stored).equals(next)) {
                return null;
            }
            FleetMapper.apply(next, stored, refs.model(), refs.clusters());
            return stored;
        }, () -> {
            throw ProblemException.conflict(what + " was created by another request at the same time; read it and"
                    + " retry with If-Match");
        }).map(written -> new Saved<>(FleetMapper.view(written.deployment()), written.created()))
                .call(saved -> triggers.fire("deployment '" + spec.name() + "' " + (saved.created() ? "created"
                        : "put")));
    }

    /**
     * The spec with {@code allowEstimated} decided: as sent, else {@code current}. A new deployment plans with
     * measured rows only unless it says otherwise (design 007, B4); a replace that does not name the field keeps the
     * consent given before, so re-applying an older manifest neither grants it nor strands what V23 kept planning.
     */
    private static DeploymentSpec allowEstimated(DeploymentSpec spec, boolean current) {
        return spec.allowEstimated() != null ? spec : spec.withAllowEstimated(current);
    }

    @WithTransaction
    public Uni<Void> delete(String name, String ifMatch) {
        return require(name).chain(deployment -> {
            Revisions.check("deployment '" + name + "'", ifMatch, deployment.revision);
            return deployments.activeRolloutsOf(name).chain(active -> {
                if (!active.isEmpty()) {
                    throw ProblemException.conflict("deployment '" + name + "' is being rolled out by rollout "
                            + active.stream().map(ActiveRollout::describe).collect(Collectors.joining(", "))
                            + "; delete it once the rollout has ended, or abort the rollout");
                }
                return deployments.delete(deployment);
            });
        });
    }

    private Uni<ModelDeploymentEntity> require(String name) {
        return deployments.findByName(name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no deployment named '" + name + "'"));
    }
}
