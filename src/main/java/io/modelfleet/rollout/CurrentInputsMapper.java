package io.modelfleet.rollout;

import io.modelfleet.catalog.entity.VariantEntity;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.entity.ModelDeploymentEntity;
import io.modelfleet.plans.SnapshotBuilder;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Entities as they are now, mapped exactly as the planner's snapshot maps them, so that an unchanged entity
 * compares equal to what a plan read.
 */
final class CurrentInputsMapper {

    private CurrentInputsMapper() {
    }

    static CurrentInputs from(List<VariantEntity> variants, List<ModelDeploymentEntity> deployments,
            List<ClusterEntity> clusters) {
        return new CurrentInputs(
                variants.stream().collect(Collectors.toMap(v -> v.id.toString(), SnapshotBuilder::variant)),
                deployments.stream().collect(Collectors.toMap(d -> d.name,
                        d -> SnapshotBuilder.deployment(d, d.version))),
                clusters.stream().collect(Collectors.toMap(c -> c.name, SnapshotBuilder::cluster)));
    }
}
