package io.modelfleet.planning;

import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Cluster;
import io.modelfleet.planning.snapshot.Quota;
import io.modelfleet.planning.snapshot.Reservation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies what deployments outside a plan hold (design 006, I1) to the snapshot the planner solves: each pool keeps
 * {@code maxNodes - reserved} nodes for the plan, and each quota {@code limit - reserved vCPUs} of the pools it
 * covers, wherever they are (a cluster with no pair in the plan still uses its account's quota). The result carries
 * no reservations, so deriving a baseline from it cannot subtract them twice.
 */
final class Reservations {

    private Reservations() {
    }

    static CatalogSnapshot apply(CatalogSnapshot snapshot) {
        if (snapshot.reservations().isEmpty()) {
            return snapshot;
        }
        Map<String, Integer> nodesByPool = new HashMap<>();
        for (Reservation r : snapshot.reservations()) {
            nodesByPool.merge(r.cluster() + "/" + r.pool(), r.nodes(), Integer::sum);
        }
        List<Cluster> clusters = snapshot.clusters().stream().map(c -> new Cluster(c.name(), c.region(),
                c.pools().stream().map(p -> {
                    int held = nodesByPool.getOrDefault(c.name() + "/" + p.name(), 0);
                    return held == 0 ? p : new Cluster.NodePool(p.name(), p.hardware(), p.capacityType(),
                            Math.max(0, p.maxNodes() - held));
                }).toList(), c.accountId())).toList();
        List<Quota> quotas = snapshot.quotas().stream().map(q -> {
            long held = reservedVcpus(q, snapshot.reservations());
            return held == 0 ? q : new Quota(q.accountId(), q.region(), q.code(), Math.max(0, q.limitVcpus() - held));
        }).toList();
        return new CatalogSnapshot(snapshot.hardware(), snapshot.variants(), clusters, snapshot.deployments(), quotas,
                snapshot.running(), List.of(), snapshot.switchCostUsdPerHour());
    }

    /** The vCPUs of reserved nodes in the pools this quota covers: same account and region, a covered class. */
    static long reservedVcpus(Quota quota, List<Reservation> reservations) {
        return reservations.stream()
                .filter(r -> quota.region().equals(r.region()) && Objects.equals(quota.accountId(), r.accountId())
                        && QuotaCodes.covers(quota.code(), r.hardware(), r.capacityType()))
                .mapToLong(Reservation::vcpus).sum();
    }
}
