package io.modelfleet.catalog.repository;

import static io.modelfleet.common.persistence.SqlValues.json;
import static io.modelfleet.common.persistence.SqlValues.utc;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelfleet.catalog.domain.Accelerator;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.dto.BenchmarkSpec;
import io.modelfleet.catalog.dto.VariantSpec;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Registers a variant with its benchmark rows in plain SQL, in one transaction: the catalog's hottest write. The
 * caller validates with the same rules the Hibernate path uses, between reading the facts and inserting, so nothing
 * is written unless the whole request is valid. A variant with the same natural key is detected by the unique
 * constraint itself (ON CONFLICT), so two racing registrations cannot both succeed.
 */
@ApplicationScoped
public class VariantInserts {

    private static final TypeReference<List<Precision>> PRECISIONS = new TypeReference<>() { };

    /** What validation needs to know of a benchmark row's hardware. */
    public record Hardware(long id, boolean accelerated, List<Precision> precisions) {
    }

    /** A body validated against the hardware it names, with its natural-key compression string. */
    public record Normalized(VariantSpec spec, String compressionKey) {
    }

    /**
     * The outcome: the new variant's id, or the id of the variant that already has this natural key; with the
     * normalized body either way.
     */
    public record Inserted(UUID id, UUID existingId, VariantSpec spec) {

        public boolean created() {
            return id != null;
        }
    }

    private final Pool pool;

    public VariantInserts(Pool pool) {
        this.pool = pool;
    }

    /**
     * In one transaction: looks up the model (null result when absent) and the named hardware, lets
     * {@code normalize} validate and normalize the body against that hardware (it throws for a bad body, rolling
     * back), then inserts the variant and its rows at {@code now} with revision 0.
     */
    public Uni<Inserted> insert(String model, List<String> hardwareNames,
            Function<Map<String, Hardware>, Normalized> normalize, OffsetDateTime now) {
        return pool.withTransaction(c -> c.preparedQuery("SELECT id FROM model WHERE name = $1")
                .execute(Tuple.of(model)).chain(models -> {
                    if (models.rowCount() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    long modelId = models.iterator().next().getLong("id");
                    return hardware(c, hardwareNames).chain(found -> {
                        Normalized normalized = normalize.apply(found);
                        VariantSpec spec = normalized.spec();
                        return insertVariant(c, modelId, spec, normalized.compressionKey(), now)
                                .chain(inserted -> inserted.created()
                                        ? insertBenchmarks(c, inserted.id(), spec.benchmarks(), found)
                                                .map(ignored -> inserted)
                                        : Uni.createFrom().item(inserted));
                    });
                }));
    }

    private static Uni<Map<String, Hardware>> hardware(SqlConnection c, List<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery("SELECT id, name, accelerator, precisions FROM hardware_profile WHERE name = ANY($1)")
                .execute(Tuple.of(names.toArray(new String[0]))).map(rows -> {
                    Map<String, Hardware> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getString("name"), new Hardware(r.getLong("id"),
                                Accelerator.valueOf(r.getString("accelerator")).accelerated(),
                                json(r.getString("precisions"), PRECISIONS)));
                    }
                    return out;
                });
    }

    private static Uni<Inserted> insertVariant(SqlConnection c, long modelId, VariantSpec spec, String compressionKey,
            OffsetDateTime now) {
        UUID id = UUID.randomUUID();
        Tuple row = Tuple.tuple().addUUID(id).addLong(modelId).addString(spec.version())
                .addString(spec.precision().name()).addString(json(spec.compression())).addString(compressionKey)
                .addString(spec.artifactUri()).addString(spec.artifactSha256()).addLong(spec.sizeBytes())
                .addString(spec.format()).addString(spec.image()).addDouble(spec.accuracy())
                .addOffsetDateTime(now).addDouble(spec.flopsPerInference());
        return c.preparedQuery("INSERT INTO variant (id, model_id, model_version, precision, compression,"
                + " compression_key, artifact_uri, artifact_sha256, size_bytes, format, image, accuracy, revision,"
                + " created_at, updated_at, flops_per_inference)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $13, $13, $14)"
                + " ON CONFLICT ON CONSTRAINT variant_natural_key DO NOTHING RETURNING id").execute(row)
                .chain(inserted -> {
                    if (inserted.rowCount() == 1) {
                        return Uni.createFrom().item(new Inserted(id, null, spec));
                    }
                    return c.preparedQuery("SELECT id FROM variant WHERE model_id = $1 AND model_version = $2"
                            + " AND precision = $3 AND compression_key = $4 AND format = $5")
                            .execute(Tuple.of(modelId, spec.version(), spec.precision().name(), compressionKey,
                                    spec.format()))
                            // Empty when the conflicting variant was deleted in between: still a conflict, without an id.
                            .map(rows -> new Inserted(null, rows.rowCount() == 0 ? null
                                    : rows.iterator().next().getUUID("id"), spec));
                });
    }

    private static Uni<Void> insertBenchmarks(SqlConnection c, UUID variant, List<BenchmarkSpec> rows,
            Map<String, Hardware> hardware) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            BenchmarkSpec b = rows.get(i);
            batch.add(Tuple.tuple().addUUID(variant).addLong(hardware.get(b.hardware()).id())
                    .addInteger(b.batchSize()).addDouble(b.p99LatencyMs()).addDouble(b.throughputRps())
                    .addInteger(b.acceleratorsPerReplica()).addDouble(b.vcpusPerReplica())
                    .addDouble(b.memoryGiBPerReplica()).addString(b.source().name()).addInteger(i)
                    .addInteger(b.concurrency()));
        }
        return c.preparedQuery("INSERT INTO benchmark (variant_id, hardware_profile_id, batch_size, p99_latency_ms,"
                + " throughput_rps, accelerators_per_replica, vcpus_per_replica, memory_gib_per_replica, source,"
                + " position, concurrency) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)").executeBatch(batch).replaceWithVoid();
    }


}
