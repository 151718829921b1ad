package io.modelfleet.planning.snapshot;

import java.util.List;
import io.modelfleet.planning.snapshot.Cluster.NodePool;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the planner reads, frozen: hardware with offerings, variants with benchmarks, clusters with node
 * pools, the deployments to place, quotas; what the planned deployments run now ({@code running}) with the extra
 * objective cost of moving one pair away from it ({@code switchCostUsdPerHour}), and what the deployments not
 * planned hold ({@code reservations}, design 006). Lists are kept in name order by whoever builds it, which (with a
 * single-threaded solver per cluster) is what makes the same snapshot always give the same plan. Snapshots stored
 * before running choices and reservations existed read back with none.
 */
public record CatalogSnapshot(List<Hardware> hardware, List<Variant> variants, List<Cluster> clusters,
        List<Deployment> deployments, List<Quota> quotas, List<Running> running, List<Reservation> reservations,
        double switchCostUsdPerHour) {

    public CatalogSnapshot {
        hardware = List.copyOf(hardware);
        variants = List.copyOf(variants);
        clusters = List.copyOf(clusters);
        deployments = List.copyOf(deployments);
        quotas = quotas == null ? List.of() : List.copyOf(quotas);
        running = running == null ? List.of() : List.copyOf(running);
        reservations = reservations == null ? List.of() : List.copyOf(reservations);
        if (!(switchCostUsdPerHour >= 0) || Double.isInfinite(switchCostUsdPerHour)) {
            throw new IllegalArgumentException("switchCostUsdPerHour must be a finite number >= 0");
        }
    }

    /** A fleet with quotas, nothing running and nothing reserved. */
    public CatalogSnapshot(List<Hardware> hardware, List<Variant> variants, List<Cluster> clusters,
            List<Deployment> deployments, List<Quota> quotas) {
        this(hardware, variants, clusters, deployments, quotas, List.of(), List.of(), 0);
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
        return new CatalogSnapshot(hardware, variants.stream().filter(keep).toList(), clusters, deployments, quotas,
                running, reservations, switchCostUsdPerHour);
    }

    /** The same fleet with what the planned deployments run now and the cost of moving one pair away from it. */
    public CatalogSnapshot withRunning(List<Running> now, double switchCost) {
        return new CatalogSnapshot(hardware, variants, clusters, deployments, quotas, now, reservations, switchCost);
    }

    /** The same fleet with the nodes that deployments outside the plan hold. */
    public CatalogSnapshot withReservations(List<Reservation> held) {
        return new CatalogSnapshot(hardware, variants, clusters, deployments, quotas, running, held,
                switchCostUsdPerHour);
    }

    /** The same fleet with each cluster restricted to the pools the filter keeps. */
    public CatalogSnapshot withPools(java.util.function.BiPredicate<Cluster, NodePool> keep) {
        return new CatalogSnapshot(hardware, variants, clusters.stream().map(c -> new Cluster(c.name(), c.region(),
                c.pools().stream().filter(p -> keep.test(c, p)).toList(), c.accountId())).toList(), deployments,
                quotas, running, reservations, switchCostUsdPerHour);
    }
}
