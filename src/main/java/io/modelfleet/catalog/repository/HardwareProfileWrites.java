package io.modelfleet.catalog.repository;

import static io.modelfleet.common.persistence.SqlValues.json;
import static io.modelfleet.common.persistence.SqlValues.stringMap;
import static io.modelfleet.common.persistence.SqlValues.utc;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelfleet.catalog.domain.Accelerator;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.domain.Taint;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.OfferingEntity;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * PUT /hardware-profiles/{name} in plain SQL, one transaction. The row and its offerings are read FOR UPDATE into
 * a detached entity; the caller decides and changes it with the same mapper the Hibernate path uses (so revision,
 * price-source and offering rules stay in one place), and this class writes back exactly what changed: the
 * profile row (revision + 1), offerings gone, offerings changed, offerings new.
 */
@ApplicationScoped
public class HardwareProfileWrites {

    private static final TypeReference<List<Precision>> PRECISIONS = new TypeReference<>() { };
    private static final TypeReference<List<Taint>> TAINTS = new TypeReference<>() { };

    private static final String READ = "SELECT p.id, p.name, p.accelerator, p.accelerator_count,"
            + " p.accelerator_memory_gib, p.resource_name, p.vcpus, p.memory_gib, p.precisions, p.node_labels,"
            + " p.taints, p.peak_tera_ops, p.memory_bandwidth_gbps, p.revision, p.created_at, p.updated_at,"
            + " o.id AS offering_id, o.region, o.capacity_type, o.hourly_price_usd, o.price_source,"
            + " o.price_updated_at, o.stale, o.available, o.refresh_error"
            + " FROM hardware_profile p LEFT JOIN offering o ON o.hardware_profile_id = p.id WHERE p.id = $1";

    /** What a write did: the profile as stored now, and whether it was created. */
    public record Written(HardwareProfileEntity profile, boolean created) {
    }

    private final Pool pool;

    public HardwareProfileWrites(Pool pool) {
        this.pool = pool;
    }

    /**
     * {@code decide} gets the stored profile (null when absent) and returns the profile to store: a new one, the
     * stored one changed in place by the mapper, or null when the request changes nothing (nothing is written). It
     * throws to refuse. {@code raceLost} runs (and throws) when a concurrent request created the same name.
     */
    public Uni<Written> put(String name, UnaryOperator<HardwareProfileEntity> decide, Runnable raceLost) {
        return pool.withTransaction(c -> lockAndRead(c, name).chain(stored -> {
            if (stored == null) {
                HardwareProfileEntity created = decide.apply(null);
                return insert(c, created, raceLost).map(ignored -> new Written(created, true));
            }
            List<Long> before = stored.offerings.stream().map(o -> o.id).toList();
            Map<Long, String> pricesBefore = new TreeMap<>();
            stored.offerings.forEach(o -> pricesBefore.put(o.id, o.hourlyPriceUsd + "/" + o.priceSource));
            HardwareProfileEntity next = decide.apply(stored);
            if (next == null) {
                return Uni.createFrom().item(new Written(stored, false));
            }
            next.revision = stored.revision + 1;
            return update(c, next, before, pricesBefore).map(ignored -> new Written(next, false));
        }));
    }

    /**
     * Lock first, read after: one statement that waited for the lock would see the offerings as they were before
     * the request it waited for committed (READ COMMITTED takes one snapshot per statement). Null when absent.
     */
    private static Uni<HardwareProfileEntity> lockAndRead(SqlConnection c, String name) {
        return c.preparedQuery("SELECT id FROM hardware_profile WHERE name = $1 FOR UPDATE").execute(Tuple.of(name))
                .chain(locked -> locked.rowCount() == 0 ? Uni.createFrom().<HardwareProfileEntity>nullItem()
                        : c.preparedQuery(READ).execute(Tuple.of(locked.iterator().next().getLong("id")))
                                .map(HardwareProfileWrites::detached));
    }

    private static Uni<Void> insert(SqlConnection c, HardwareProfileEntity p, Runnable raceLost) {
        return c.preparedQuery("INSERT INTO hardware_profile (name, accelerator, accelerator_count,"
                + " accelerator_memory_gib, resource_name, vcpus, memory_gib, precisions, node_labels, taints,"
                + " peak_tera_ops, memory_bandwidth_gbps, revision, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $13, $14)"
                + " ON CONFLICT ON CONSTRAINT hardware_profile_name_key DO NOTHING RETURNING id")
                .execute(profileColumns(p).addOffsetDateTime(p.createdAt).addOffsetDateTime(p.updatedAt))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        raceLost.run();
                    }
                    p.id = rows.iterator().next().getLong("id");
                    return insertOfferings(c, p, p.offerings);
                });
    }

    private static Uni<Void> update(SqlConnection c, HardwareProfileEntity p, List<Long> before,
            Map<Long, String> pricesBefore) {
        List<Long> kept = p.offerings.stream().filter(o -> o.id != null).map(o -> o.id).toList();
        List<Long> gone = before.stream().filter(id -> !kept.contains(id)).toList();
        List<Tuple> repriced = p.offerings.stream().filter(o -> o.id != null
                && !(o.hourlyPriceUsd + "/" + o.priceSource).equals(pricesBefore.get(o.id)))
                .map(o -> Tuple.of(o.id, o.hourlyPriceUsd, o.priceSource, o.priceUpdatedAt, o.stale, o.refreshError))
                .toList();
        List<OfferingEntity> added = p.offerings.stream().filter(o -> o.id == null).toList();
        Uni<Void> profile = c.preparedQuery("UPDATE hardware_profile SET name = $1, accelerator = $2,"
                + " accelerator_count = $3, accelerator_memory_gib = $4, resource_name = $5, vcpus = $6,"
                + " memory_gib = $7, precisions = $8, node_labels = $9, taints = $10, peak_tera_ops = $11,"
                + " memory_bandwidth_gbps = $12, revision = $13, updated_at = $14 WHERE id = $15")
                .execute(profileColumns(p).addLong(p.revision).addOffsetDateTime(p.updatedAt).addLong(p.id))
                .replaceWithVoid();
        Uni<Void> deletes = gone.isEmpty() ? Uni.createFrom().voidItem()
                : c.preparedQuery("DELETE FROM offering WHERE id = ANY($1)")
                        .execute(Tuple.of(gone.toArray(new Long[0]))).replaceWithVoid();
        Uni<Void> updates = repriced.isEmpty() ? Uni.createFrom().voidItem()
                : c.preparedQuery("UPDATE offering SET hourly_price_usd = $2, price_source = $3,"
                        + " price_updated_at = $4, stale = $5, refresh_error = $6 WHERE id = $1")
                        .executeBatch(repriced).replaceWithVoid();
        // Deletes before inserts: a removed and re-added (region, capacity type) must not hit the unique key.
        return profile.chain(() -> deletes).chain(() -> updates).chain(() -> insertOfferings(c, p, added));
    }

    private static Uni<Void> insertOfferings(SqlConnection c, HardwareProfileEntity p, List<OfferingEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = rows.stream().map(o -> Tuple.tuple().addLong(p.id).addString(o.region)
                .addString(o.capacityType.name()).addDouble(o.hourlyPriceUsd).addString(o.priceSource)
                .addOffsetDateTime(o.priceUpdatedAt).addBoolean(o.stale).addBoolean(o.available)
                .addString(o.refreshError)).toList();
        return c.preparedQuery("INSERT INTO offering (hardware_profile_id, region, capacity_type, hourly_price_usd,"
                + " price_source, price_updated_at, stale, available, refresh_error)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)").executeBatch(batch).replaceWithVoid();
    }

    private static Tuple profileColumns(HardwareProfileEntity p) {
        return Tuple.tuple().addString(p.name).addString(p.accelerator.name()).addInteger(p.acceleratorCount)
                .addDouble(p.acceleratorMemoryGiB).addString(p.resourceName).addInteger(p.vcpus)
                .addDouble(p.memoryGiB).addString(json(p.precisions)).addValue(new JsonObject(new TreeMap<>(
                        p.nodeLabels == null ? Map.of() : p.nodeLabels))).addString(json(p.taints))
                .addValue(PeakColumns.json(p.peakTeraOps)).addDouble(p.memoryBandwidthGBps);
    }

    private static HardwareProfileEntity detached(RowSet<Row> rows) {
        HardwareProfileEntity p = null;
        for (Row r : rows) {
            if (p == null) {
                p = new HardwareProfileEntity();
                p.id = r.getLong("id");
                p.name = r.getString("name");
                p.accelerator = Accelerator.valueOf(r.getString("accelerator"));
                p.acceleratorCount = r.getInteger("accelerator_count");
                p.acceleratorMemoryGiB = r.getDouble("accelerator_memory_gib");
                p.resourceName = r.getString("resource_name");
                p.vcpus = r.getInteger("vcpus");
                p.memoryGiB = r.getDouble("memory_gib");
                p.precisions = new ArrayList<>(json(r.getString("precisions"), PRECISIONS));
                p.nodeLabels = stringMap(r.getValue("node_labels"));
                p.taints = new ArrayList<>(json(r.getString("taints"), TAINTS));
                p.peakTeraOps = new EnumMap<>(Precision.class);
                p.peakTeraOps.putAll(PeakColumns.read(r.getValue("peak_tera_ops")));
                p.memoryBandwidthGBps = r.getDouble("memory_bandwidth_gbps");
                p.revision = r.getLong("revision");
                p.createdAt = utc(r.getOffsetDateTime("created_at"));
                p.updatedAt = utc(r.getOffsetDateTime("updated_at"));
            }
            if (r.getLong("offering_id") != null) {
                OfferingEntity o = new OfferingEntity();
                o.id = r.getLong("offering_id");
                o.profile = p;
                o.region = r.getString("region");
                o.capacityType = CapacityType.valueOf(r.getString("capacity_type"));
                o.hourlyPriceUsd = r.getDouble("hourly_price_usd");
                o.priceSource = r.getString("price_source");
                o.priceUpdatedAt = utc(r.getOffsetDateTime("price_updated_at"));
                o.stale = r.getBoolean("stale");
                o.available = r.getBoolean("available");
                o.refreshError = r.getString("refresh_error");
                p.offerings.add(o);
            }
        }
        return p;
    }



}
