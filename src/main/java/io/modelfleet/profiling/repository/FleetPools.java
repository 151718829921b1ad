package io.modelfleet.profiling.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelfleet.catalog.domain.Accelerator;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.domain.Taint;
import io.modelfleet.common.persistence.SqlValues;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The node pools of the fleet with what a profiling run needs of their cluster and hardware, in plain SQL. */
@ApplicationScoped
public class FleetPools {

    private static final TypeReference<List<Precision>> PRECISIONS = new TypeReference<>() { };
    private static final TypeReference<List<Taint>> TAINTS = new TypeReference<>() { };

    /** A pool, how its cluster is reached, and the hardware its nodes are. */
    public record FleetPool(String cluster, ClusterTarget target, String pool, CapacityType capacityType,
            Hardware hardware) {
    }

    /** What a profiling Job needs of a hardware profile. */
    public record Hardware(String name, Accelerator accelerator, int acceleratorCount, String resourceName,
            int vcpus, double memoryGiB, List<Precision> precisions, Map<String, String> nodeLabels,
            List<Taint> taints) {
    }

    private final Pool pool;

    public FleetPools(Pool pool) {
        this.pool = pool;
    }

    /** Every pool, of one cluster when {@code cluster} is not null, ordered by cluster and pool name. */
    public Uni<List<FleetPool>> pools(String cluster) {
        return pool.preparedQuery("SELECT c.name AS cluster, c.target, np.name AS pool, np.capacity_type,"
                + " h.name AS hardware, h.accelerator, h.accelerator_count, h.resource_name, h.vcpus, h.memory_gib,"
                + " h.precisions, h.node_labels, h.taints FROM node_pool np JOIN cluster c ON c.id = np.cluster_id"
                + " JOIN hardware_profile h ON h.id = np.hardware_profile_id"
                + " WHERE ($1::varchar IS NULL OR c.name = $1) ORDER BY c.name, np.name")
                .execute(Tuple.of(cluster)).map(rows -> {
                    List<FleetPool> out = new ArrayList<>();
                    rows.forEach(r -> out.add(fleetPool(r)));
                    return out;
                });
    }

    /** The named profile, or null. */
    public Uni<Hardware> hardware(String name) {
        return pool.preparedQuery("SELECT name AS hardware, accelerator, accelerator_count, resource_name, vcpus,"
                + " memory_gib, precisions, node_labels, taints FROM hardware_profile WHERE name = $1")
                .execute(Tuple.of(name)).map(rows -> rows.rowCount() == 0 ? null : hardware(rows.iterator().next()));
    }

    /** Whether a cluster of that name exists. */
    public Uni<Boolean> clusterExists(String name) {
        return pool.preparedQuery("SELECT 1 FROM cluster WHERE name = $1").execute(Tuple.of(name))
                .map(rows -> rows.rowCount() > 0);
    }

    /** How the named cluster is reached now, or null when it is gone. */
    public Uni<ClusterTarget> target(String cluster) {
        return pool.preparedQuery("SELECT target FROM cluster WHERE name = $1").execute(Tuple.of(cluster))
                .map(rows -> rows.rowCount() == 0 ? null
                        : SqlValues.json(rows.iterator().next().getValue("target").toString(), ClusterTarget.class));
    }

    private static FleetPool fleetPool(Row r) {
        return new FleetPool(r.getString("cluster"), SqlValues.json(r.getValue("target").toString(),
                ClusterTarget.class), r.getString("pool"), CapacityType.valueOf(r.getString("capacity_type")),
                hardware(r));
    }

    private static Hardware hardware(Row r) {
        return new Hardware(r.getString("hardware"), Accelerator.valueOf(r.getString("accelerator")),
                r.getInteger("accelerator_count"), r.getString("resource_name"), r.getInteger("vcpus"),
                r.getDouble("memory_gib"), List.copyOf(SqlValues.json(r.getString("precisions"), PRECISIONS)),
                SqlValues.stringMap(r.getValue("node_labels")),
                List.copyOf(SqlValues.json(r.getString("taints"), TAINTS)));
    }
}
