package io.modelfleet.rollout;

import io.modelfleet.catalog.repository.VariantRepository;
import io.modelfleet.fleet.repository.ClusterRepository;
import io.modelfleet.fleet.repository.DeploymentRepository;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Deployment;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/** Reads, in the caller's session, the current state of everything a plan's snapshot names. */
final class CurrentInputsLoader {

    private final VariantRepository variants;
    private final ClusterRepository clusters;
    private final DeploymentRepository deployments;

    CurrentInputsLoader(VariantRepository variants, ClusterRepository clusters, DeploymentRepository deployments) {
        this.variants = variants;
        this.clusters = clusters;
        this.deployments = deployments;
    }

    /** One query after the other: a reactive session must not run two at once. */
    Uni<CurrentInputs> load(CatalogSnapshot planned) {
        List<UUID> variantIds = planned.variants().stream().map(v -> UUID.fromString(v.id())).toList();
        List<String> clusterNames = planned.clusters().stream().map(Cluster::name).toList();
        List<String> deploymentNames = planned.deployments().stream().map(Deployment::name).toList();
        return variants.findByIds(variantIds).chain(vs -> deployments.findByNames(deploymentNames)
                .chain(ds -> clusters.findByNames(clusterNames).map(cs -> CurrentInputsMapper.from(vs, ds, cs))));
    }
}
