package io.modelfleet.plans;

import io.modelfleet.fleet.repository.ClusterRepository;
import io.modelfleet.planning.snapshot.CatalogSnapshot;
import io.modelfleet.planning.snapshot.Resources;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
        // Every running row: which of them the plan places itself is ReservedPools' to decide, pair by pair.
        return pool.preparedQuery("SELECT deployment, cluster, pool, replicas, accelerators_per_replica,"
                + " vcpus_per_replica, memory_gib_per_replica FROM running_placement ORDER BY deployment, cluster")
                .execute().chain(rows -> inFlight().chain(targets -> {
                    List<ReservedPools.Held> held = new ArrayList<>();
                    rows.forEach(r -> held.add(held(r)));
                    held.addAll(targets);
                    if (held.isEmpty()) {
                        return Uni.createFrom().item(snapshot);
                    }
                    TreeSet<String> names = new TreeSet<>(held.stream().map(ReservedPools.Held::cluster).toList());
                    return clusters.findByNames(names).map(found -> snapshot.withReservations(ReservedPools.of(
                            snapshot, held, found.stream().map(SnapshotBuilder::cluster).toList(),
                            snapshot.hardwareByName())));
                }));
    }

    /** Statuses of a rollout that has ended (RolloutStatus.terminal(); plans do not depend on the rollout package). */
    private static final String[] ENDED = {"SUCCEEDED", "ROLLED_BACK", "ABORTED", "FAILED"};

    /**
     * What rollouts in progress are bringing up: their plans' placements, held beside what runs (a switch has old
     * and new side by side; counting both for an in-place change only over-reserves). Without this, two plans made
     * beside each other's old state could both roll out and together overfill a pool (review of design 006, I1).
     */
    private Uni<List<ReservedPools.Held>> inFlight() {
        return pool.preparedQuery("SELECT p.id, p.result, p.snapshot FROM plan p WHERE p.id IN (SELECT plan_id FROM"
                + " rollout WHERE plan_id IS NOT NULL AND NOT (status = ANY($1))) ORDER BY p.id")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of((Object) ENDED)).map(rows -> {
                    List<ReservedPools.Held> out = new ArrayList<>();
                    for (Row r : rows) {
                        PlanEntity plan = new PlanEntity();
                        plan.id = r.getUUID("id");
                        plan.result = r.getString("result");
                        plan.snapshot = r.getString("snapshot");
                        out.addAll(targets(plan));
                    }
                    return out;
                });
    }

    private static List<ReservedPools.Held> targets(PlanEntity plan) {
        io.modelfleet.planning.PlanResult result = PlanJson.result(plan);
        CatalogSnapshot snapshot = PlanJson.snapshot(plan);
        List<ReservedPools.Held> out = new ArrayList<>();
        for (io.modelfleet.planning.PlanResult.Placement p : result.placements()) {
            Resources perReplica = snapshot.variants().stream().filter(v -> v.id().equals(p.variantId())).findFirst()
                    .flatMap(v -> v.benchmark(p.hardware(), p.batchSize(), p.concurrency()))
                    .map(io.modelfleet.planning.snapshot.Variant.Benchmark::perReplica).orElse(null);
            out.add(new ReservedPools.Held(p.deployment(), p.cluster(), p.pool(), p.replicas(), perReplica));
        }
        return out;
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
