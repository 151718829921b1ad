package io.modelfleet.planning.snapshot;

import java.util.List;
import io.modelfleet.planning.snapshot.Cluster.NodePool;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the planner reads, frozen: hardware with offerings, variants with benchmarks, clusters with node
 * pools, and the deployments to place. Lists are kept in name order by whoever builds it, which (with a
 * single-threaded solver per cluster) is what makes the same snapshot always give the same plan.
 */
public record CatalogSnapshot(List<Hardware> hardware, List<Variant> variants, List<Cluster> clusters,
        List<Deployment> deployments, List<Quota> quotas) {

    public CatalogSnapshot {
        hardware = List.copyOf(hardware);
        variants = List.copyOf(variants);
        clusters = List.copyOf(clusters);
        deployments = List.copyOf(deployments);
        quotas = List.copyOf(quotas);
    }

    /** A fleet without service quotas. */
    public CatalogSnapshot(List<Hardware> hardware, List<Variant> variants, List<Cluster> clusters,
            List<Deployment> deployments) {
        this(hardware, variants, clusters, deployments, List.of());
    }

    public Map<String, Hardware> hardwareByName() {
        return hardware.stream().collect(Collectors.toMap(Hardware::name, Function.identity()));
    }

    public Map<String, Cluster> clustersByName() {
        return clusters.stream().collect(Collectors.toMap(Cluster::name, Function.identity()));
    }

    /** The same fleet with only the variants that pass the filter: how baselines are computed. */
    public CatalogSnapshot withVariants(java.util.function.Predicate<Variant> keep) {
        return new CatalogSnapshot(hardware, variants.stream().filter(keep).toList(), clusters, deployments, quotas);
    }

    /** The same fleet with each cluster restricted to the pools the filter keeps. */
    public CatalogSnapshot withPools(java.util.function.BiPredicate<Cluster, NodePool> keep) {
        return new CatalogSnapshot(hardware, variants, clusters.stream().map(c -> new Cluster(c.name(), c.region(),
                c.pools().stream().filter(p -> keep.test(c, p)).toList(), c.accountId())).toList(), deployments,
                quotas);
    }
}
