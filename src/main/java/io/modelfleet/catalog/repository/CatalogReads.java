package io.modelfleet.catalog.repository;

import static io.modelfleet.common.persistence.SqlValues.json;
import static io.modelfleet.common.persistence.SqlValues.stringMap;
import static io.modelfleet.common.persistence.SqlValues.utc;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelfleet.catalog.domain.Accelerator;
import io.modelfleet.catalog.domain.BenchmarkSource;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.domain.Taint;
import io.modelfleet.catalog.dto.HardwareProfileView;
import io.modelfleet.catalog.dto.VariantView;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Single-resource reads of the catalog in plain SQL, one statement each: the hot GETs skip Hibernate's session,
 * query translation and entity hydration, which were most of their cost. Views are built exactly as
 * HardwareProfileMapper and VariantMapper build them from entities (same ordering, UTC timestamps), so a GET
 * answers what the list and the write endpoints answer. Benchmark rows come declared rows first, then OBSERVED
 * rows, each in stored order, as VariantMapper orders them.
 */
@ApplicationScoped
public class CatalogReads {

    private static final TypeReference<List<Precision>> PRECISIONS = new TypeReference<>() { };
    private static final TypeReference<List<Taint>> TAINTS = new TypeReference<>() { };
    private static final TypeReference<List<Compression>> COMPRESSION = new TypeReference<>() { };

    private static final String PROFILE = "SELECT p.name, p.accelerator, p.accelerator_count,"
            + " p.accelerator_memory_gib, p.resource_name, p.vcpus, p.memory_gib, p.precisions, p.node_labels,"
            + " p.taints, p.peak_tera_ops, p.memory_bandwidth_gbps, p.revision, p.created_at, p.updated_at,"
            + " o.region, o.capacity_type, o.hourly_price_usd,"
            + " o.price_source, o.price_updated_at, o.stale, o.available, o.refresh_error"
            + " FROM hardware_profile p LEFT JOIN offering o ON o.hardware_profile_id = p.id WHERE p.name = $1";

    private static final String VARIANT = "SELECT v.id, m.name AS model, v.model_version, v.precision,"
            + " v.compression, v.artifact_uri, v.artifact_sha256, v.size_bytes, v.format, v.image, v.accuracy,"
            + " v.revision, v.created_at, v.updated_at, v.flops_per_inference, h.name AS hardware, b.batch_size,"
            + " b.concurrency, b.provenance, b.p99_latency_ms,"
            + " b.throughput_rps, b.accelerators_per_replica, b.vcpus_per_replica, b.memory_gib_per_replica, b.source,"
            + " b.observed_deployment, b.observed_cluster, b.observed_at, b.window_seconds, b.load_rps"
            + " FROM variant v JOIN model m ON m.id = v.model_id"
            + " LEFT JOIN benchmark b ON b.variant_id = v.id LEFT JOIN hardware_profile h ON h.id = b.hardware_profile_id"
            + " WHERE v.id = $1 AND m.name = $2 ORDER BY b.observed, b.position";

    private final Pool pool;

    public CatalogReads(Pool pool) {
        this.pool = pool;
    }

    /** The named profile with its offerings, or null. */
    public Uni<HardwareProfileView> profile(String name) {
        return pool.preparedQuery(PROFILE).execute(Tuple.of(name)).map(CatalogReads::profileView);
    }

    /** A variant of the named model with its benchmark rows in their stored order, or null. */
    public Uni<VariantView> variant(String model, UUID id) {
        return pool.preparedQuery(VARIANT).execute(Tuple.of(id, model)).map(CatalogReads::variantView);
    }

    private static HardwareProfileView profileView(RowSet<Row> rows) {
        Row first = null;
        List<HardwareProfileView.Offering> offerings = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Row r : rows) {
            first = first == null ? r : first;
            if (r.getString("region") != null) {
                offerings.add(new HardwareProfileView.Offering(r.getString("region"),
                        CapacityType.valueOf(r.getString("capacity_type")), r.getDouble("hourly_price_usd"),
                        r.getString("price_source"), utc(r.getOffsetDateTime("price_updated_at")),
                        r.getBoolean("stale"), r.getBoolean("available"), r.getString("refresh_error")));
            }
        }
        if (first == null) {
            return null;
        }
        // The mapper sorts by "region/capacityType"; the same key here, not SQL collation, keeps the order equal.
        offerings.sort(Comparator.comparing(o -> o.region() + "/" + o.capacityType()));
        Map<String, String> nodeLabels = stringMap(first.getValue("node_labels"));
        return new HardwareProfileView(first.getString("name"), Accelerator.valueOf(first.getString("accelerator")),
                first.getInteger("accelerator_count"), first.getDouble("accelerator_memory_gib"),
                first.getString("resource_name"), first.getInteger("vcpus"), first.getDouble("memory_gib"),
                List.copyOf(json(first.getString("precisions"), PRECISIONS)), nodeLabels,
                List.copyOf(json(first.getString("taints"), TAINTS)), List.copyOf(offerings),
                first.getLong("revision"), utc(first.getOffsetDateTime("created_at")),
                utc(first.getOffsetDateTime("updated_at")), PeakColumns.read(first.getValue("peak_tera_ops")),
                first.getDouble("memory_bandwidth_gbps"));
    }

    private static VariantView variantView(RowSet<Row> rows) {
        Row first = null;
        List<VariantView.Benchmark> benchmarks = new ArrayList<>();
        for (Row r : rows) {
            first = first == null ? r : first;
            if (r.getString("hardware") != null) {
                benchmarks.add(new VariantView.Benchmark(r.getString("hardware"), r.getInteger("batch_size"),
                        r.getDouble("p99_latency_ms"), r.getDouble("throughput_rps"),
                        r.getInteger("accelerators_per_replica"), r.getDouble("vcpus_per_replica"),
                        r.getDouble("memory_gib_per_replica"), BenchmarkSource.valueOf(r.getString("source")),
                        r.getString("observed_deployment"), r.getString("observed_cluster"),
                        utc(r.getOffsetDateTime("observed_at")), r.getInteger("window_seconds"),
                        r.getDouble("load_rps"), r.getInteger("concurrency"), provenance(r.getValue("provenance"))));
            }
        }
        if (first == null) {
            return null;
        }
        return new VariantView(first.getUUID("id"), first.getString("model"), first.getString("model_version"),
                Precision.valueOf(first.getString("precision")),
                List.copyOf(json(first.getString("compression"), COMPRESSION)), first.getString("artifact_uri"),
                first.getString("artifact_sha256"), first.getLong("size_bytes"), first.getString("format"),
                first.getString("image"), first.getDouble("accuracy"), List.copyOf(benchmarks),
                first.getLong("revision"), utc(first.getOffsetDateTime("created_at")),
                utc(first.getOffsetDateTime("updated_at")), first.getDouble("flops_per_inference"));
    }

    private static final TypeReference<Map<String, Object>> PROVENANCE = new TypeReference<>() { };

    /** A JSONB column arrives as a Vert.x JsonObject; null stays null. */
    private static Map<String, Object> provenance(Object value) {
        return value == null ? null : java.util.Collections.unmodifiableMap(json(value.toString(), PROVENANCE));
    }
}
