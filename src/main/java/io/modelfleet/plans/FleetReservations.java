package io.modelfleet.plans;

import io.modelfleet.fleet.repository.ClusterRepository;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Resources;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Adds to a snapshot the nodes that deployments it does not plan hold where they run now (design 006, I1; the
 * counting is {@link ReservedPools}'). Reads the running placements by SQL (the rollout engine writes them; plans
 * do not depend on the rollout package) and, in the caller's session, the clusters they run on.
 */
@ApplicationScoped
public class FleetReservations {

    private final Pool pool;
    private final ClusterRepository clusters;

    public FleetReservations(Pool pool, ClusterRepository clusters) {
        this.pool = pool;
        this.clusters = clusters;
    }

    public Uni<CatalogSnapshot> reserve(CatalogSnapshot snapshot) {
        String[] planned = snapshot.deployments().stream().map(d -> d.name()).toArray(String[]::new);
        return pool.preparedQuery("SELECT deployment, cluster, pool, replicas, accelerators_per_replica,"
                + " vcpus_per_replica, memory_gib_per_replica FROM running_placement"
                + " WHERE NOT (deployment = ANY($1)) ORDER BY deployment, cluster")
                .execute(Tuple.of(planned)).chain(rows -> {
                    List<ReservedPools.Held> held = new ArrayList<>();
                    rows.forEach(r -> held.add(held(r)));
                    if (held.isEmpty()) {
                        return Uni.createFrom().item(snapshot);
                    }
                    TreeSet<String> names = new TreeSet<>(held.stream().map(ReservedPools.Held::cluster).toList());
                    return clusters.findByNames(names).map(found -> snapshot.withReservations(ReservedPools.of(
                            snapshot, held, found.stream().map(SnapshotBuilder::cluster).toList(),
                            snapshot.hardwareByName())));
                });
    }

    /** Rows whose resources are unknown (null since V18 could not backfill them) count as a whole node a replica. */
    private static ReservedPools.Held held(Row r) {
        Double vcpus = r.getDouble("vcpus_per_replica");
        Resources perReplica = vcpus == null ? null : Resources.of(r.getInteger("accelerators_per_replica"), vcpus,
                r.getDouble("memory_gib_per_replica"));
        return new ReservedPools.Held(r.getString("deployment"), r.getString("cluster"), r.getString("pool"),
                r.getInteger("replicas"), perReplica);
    }
}
