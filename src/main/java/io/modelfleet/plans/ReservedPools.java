package io.modelfleet.plans;

import io.modelfleet.planning.QuotaCodes;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Hardware;
import io.modelfleet.planning.snapshot.Reservation;
import io.modelfleet.planning.snapshot.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What deployments outside a plan hold (design 006, I1), computed purely: every running placement of a deployment
 * the snapshot does not plan reserves, on its (cluster, pool), the nodes a {@link NodePacking first-fit-decreasing}
 * packing of its replicas needs, all such placements of one pool packed together in (deployment, cluster) order.
 * A pool counts when its cluster is in the snapshot (its {@code maxNodes} shrinks) or when a quota of the snapshot
 * covers it (same account and region, and the quota's instance class and capacity type): a cluster with no pair in
 * the plan still spends its account's quota. A full-fleet plan reserves nothing: every running deployment is planned.
 */
public final class ReservedPools {

    private ReservedPools() {
    }

    /**
     * A running placement: its replicas and what one takes ({@code perReplica} null when unknown: a whole node each).
     */
    public record Held(String deployment, String cluster, String pool, int replicas, Resources perReplica) {
    }

    /**
     * @param running   running placements of any deployments (those the snapshot plans are skipped)
     * @param clusters  the clusters they run on, as they are now (pools, region, account)
     * @param hardware  node capacity by hardware name
     */
    public static List<Reservation> of(CatalogSnapshot snapshot, List<Held> running, List<Cluster> clusters,
            Map<String, Hardware> hardware) {
        // What the plan places is its own; everything else that runs holds its nodes, a planned deployment's
        // replicas on a cluster it no longer demands included (they stay until their retirement removes them).
        Set<String> planned = snapshot.deployments().stream().flatMap(d -> d.demand().stream()
                .map(x -> d.name() + "\n" + x.cluster())).collect(Collectors.toSet());
        Set<String> inPlan = snapshot.clusters().stream().map(Cluster::name).collect(Collectors.toSet());
        Map<String, Cluster> byName = clusters.stream().collect(Collectors.toMap(Cluster::name, c -> c, (a, b) -> a));
        Map<String, List<Held>> byPool = new TreeMap<>();
        running.stream().filter(h -> !planned.contains(h.deployment() + "\n" + h.cluster()) && h.replicas() > 0)
                .sorted(Comparator.comparing(Held::deployment).thenComparing(Held::cluster))
                .forEach(h -> byPool.computeIfAbsent(h.cluster() + "\n" + h.pool(), k -> new ArrayList<>()).add(h));
        List<Reservation> out = new ArrayList<>();
        for (List<Held> held : byPool.values()) {
            Cluster cluster = byName.get(held.get(0).cluster());
            Cluster.NodePool pool = cluster == null ? null : cluster.pools().stream()
                    .filter(p -> p.name().equals(held.get(0).pool())).findFirst().orElse(null);
            Hardware node = pool == null ? null : hardware.get(pool.hardware());
            // A pool that no longer exists holds nothing the plan could use or a quota could count.
            if (node == null || !(inPlan.contains(cluster.name()) || quotaCovers(snapshot, cluster, pool))) {
                continue;
            }
            List<Resources> replicas = new ArrayList<>();
            held.forEach(h -> replicas.addAll(java.util.Collections.nCopies(h.replicas(), h.perReplica())));
            out.add(new Reservation(cluster.name(), cluster.region(), cluster.accountId(), pool.name(),
                    pool.hardware(), pool.capacityType(), NodePacking.nodes(replicas, node.capacity()), node.vcpus(),
                    held.stream().map(Held::deployment).collect(Collectors.toCollection(TreeSet::new)).stream()
                            .toList()));
        }
        return out;
    }

    /**
     * Whether a quota the plan must respect counts this pool's nodes: a quota of the cluster's account and region
     * covering the pool's instance class and capacity type, when a cluster of the plan shares that account and
     * region (a quota no planned cluster spends is not the plan's to respect).
     */
    static boolean quotaCovers(CatalogSnapshot snapshot, Cluster cluster, Cluster.NodePool pool) {
        boolean coupled = snapshot.clusters().stream().anyMatch(c -> c.region().equals(cluster.region())
                && Objects.equals(c.accountId(), cluster.accountId()));
        return coupled && snapshot.quotas().stream().anyMatch(q -> q.region().equals(cluster.region())
                && Objects.equals(q.accountId(), cluster.accountId())
                && QuotaCodes.covers(q.code(), pool.hardware(), pool.capacityType()));
    }
}
