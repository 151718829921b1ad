package io.modelfleet.dashboard.service;

import static io.modelfleet.common.persistence.SqlValues.json;
import static io.modelfleet.common.persistence.SqlValues.utc;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.dashboard.dto.Frontier;
import io.modelfleet.dashboard.dto.RunningFleet;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's own reads, in plain SQL: aggregates over whole tables that no resource pages through. */
@ApplicationScoped
public class DashboardReads {

    private static final TypeReference<List<Compression>> COMPRESSION = new TypeReference<>() { };

    private static final String RUNNING = "SELECT deployment, cluster, variant_id, precision, hardware, pool, replicas,"
            + " hourly_cost_usd, plan_id, rollout_id, updated_at FROM running_placement ORDER BY deployment, cluster";

    private static final String BENCHMARKS = "SELECT m.name AS model, m.accuracy_metric, v.id, v.model_version,"
            + " v.precision, v.compression, v.accuracy, h.name AS hardware, b.batch_size, b.p99_latency_ms,"
            + " b.throughput_rps, b.accelerators_per_replica, b.vcpus_per_replica, b.memory_gib_per_replica, b.source,"
            + " b.concurrency"
            + " FROM benchmark b JOIN variant v ON v.id = b.variant_id JOIN model m ON m.id = v.model_id"
            + " JOIN hardware_profile h ON h.id = b.hardware_profile_id"
            + " ORDER BY m.name, v.model_version, v.precision, v.id, h.name, b.batch_size, b.concurrency, b.observed,"
            + " b.position";

    private static final String NODES = "SELECT p.name, p.accelerator_count, p.vcpus, p.memory_gib, o.region,"
            + " o.capacity_type, o.hourly_price_usd FROM hardware_profile p"
            + " LEFT JOIN offering o ON o.hardware_profile_id = p.id AND o.available ORDER BY p.name, o.region,"
            + " o.capacity_type";

    private final Pool pool;

    public DashboardReads(Pool pool) {
        this.pool = pool;
    }

    public Uni<RunningFleet> running() {
        return pool.query(RUNNING).execute().map(rows -> {
            List<RunningFleet.Running> placements = new ArrayList<>();
            // Summed exactly in decimal so the total reads as the sum of the rows the page lists.
            BigDecimal total = BigDecimal.ZERO;
            for (Row r : rows) {
                double cost = r.getDouble("hourly_cost_usd");
                total = total.add(BigDecimal.valueOf(cost));
                placements.add(new RunningFleet.Running(r.getString("deployment"), r.getString("cluster"),
                        r.getString("variant_id"), Precision.valueOf(r.getString("precision")), r.getString("hardware"),
                        r.getString("pool"), r.getInteger("replicas"), cost, r.getUUID("plan_id"),
                        r.getUUID("rollout_id"), utc(r.getOffsetDateTime("updated_at"))));
            }
            return new RunningFleet(List.copyOf(placements), total.doubleValue());
        });
    }

    public Uni<List<FrontierRow>> benchmarkRows() {
        return pool.query(BENCHMARKS).execute().map(rows -> {
            List<FrontierRow> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new FrontierRow(r.getString("model"), r.getString("accuracy_metric"), r.getUUID("id"),
                        r.getString("model_version"), Precision.valueOf(r.getString("precision")),
                        json(r.getString("compression"), COMPRESSION), r.getDouble("accuracy"), r.getString("hardware"),
                        r.getInteger("batch_size"), r.getDouble("p99_latency_ms"), r.getDouble("throughput_rps"),
                        new FrontierRow.PerReplica(r.getInteger("accelerators_per_replica"),
                                r.getDouble("vcpus_per_replica"), r.getDouble("memory_gib_per_replica")),
                        BenchmarkSource.valueOf(r.getString("source")), r.getInteger("concurrency")));
            }
            return out;
        });
    }

    public Uni<Map<String, NodeCapacity>> nodeCapacities() {
        return pool.query(NODES).execute().map(rows -> {
            Map<String, Row> first = new LinkedHashMap<>();
            Map<String, List<Frontier.Offering>> offerings = new LinkedHashMap<>();
            for (Row r : rows) {
                String name = r.getString("name");
                first.putIfAbsent(name, r);
                List<Frontier.Offering> list = offerings.computeIfAbsent(name, n -> new ArrayList<>());
                if (r.getString("region") != null) {
                    list.add(new Frontier.Offering(r.getString("region"),
                            CapacityType.valueOf(r.getString("capacity_type")), r.getDouble("hourly_price_usd")));
                }
            }
            Map<String, NodeCapacity> out = new LinkedHashMap<>();
            first.forEach((name, r) -> out.put(name, new NodeCapacity(name, r.getInteger("accelerator_count"),
                    r.getInteger("vcpus"), r.getDouble("memory_gib"), List.copyOf(offerings.get(name)))));
            return out;
        });
    }
}
