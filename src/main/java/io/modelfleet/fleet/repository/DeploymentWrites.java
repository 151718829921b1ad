package io.modelfleet.fleet.repository;

import static io.modelfleet.common.persistence.SqlValues.json;

import io.modelfleet.catalog.entity.ModelEntity;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.entity.DemandEntity;
import io.modelfleet.fleet.entity.ModelDeploymentEntity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * PUT /deployments/{name} in plain SQL, one transaction: the model and the demand's clusters are read, the row is
 * locked and then read (with its demand rows) into a detached entity, the caller decides with the same rules and
 * FleetMapper the Hibernate path used, and only what changed is written back (the row with revision + 1, demand
 * rows gone, changed and new).
 */
@ApplicationScoped
public class DeploymentWrites {

    /** What the request references, as found: the model (null when absent) and the clusters by name. */
    public record References(ModelEntity model, Map<String, ClusterEntity> clusters) {
    }

    /** The deployment as stored after the write, and whether this request created it. */
    public record Written(ModelDeploymentEntity deployment, boolean created) {
    }

    private final Pool pool;

    public DeploymentWrites(Pool pool) {
        this.pool = pool;
    }

    /**
     * {@code decide} gets the references and the stored deployment (null when absent) and returns the one to
     * store (new, or the stored one changed in place), or null when nothing changes; it throws to refuse.
     * {@code raceLost} runs (and throws) when a concurrent request created the same name.
     */
    public Uni<Written> put(String name, String model, List<String> clusters,
            BiFunction<References, ModelDeploymentEntity, ModelDeploymentEntity> decide, Runnable raceLost) {
        return pool.withTransaction(c -> references(c, model, clusters).chain(refs -> lockAndRead(c, name)
                .chain(stored -> {
                    if (stored == null) {
                        ModelDeploymentEntity created = decide.apply(refs, null);
                        return insert(c, created, raceLost).map(ignored -> new Written(created, true));
                    }
                    Map<Long, String> before = new HashMap<>();
                    stored.demand.forEach(d -> before.put(d.id, d.rps + "@" + d.position));
                    ModelDeploymentEntity next = decide.apply(refs, stored);
                    if (next == null) {
                        return Uni.createFrom().item(new Written(stored, false));
                    }
                    next.revision = stored.revision + 1;
                    return update(c, next, before).map(ignored -> new Written(next, false));
                })));
    }

    private static Uni<References> references(SqlConnection c, String model, List<String> clusters) {
        return c.preparedQuery("SELECT id, name FROM model WHERE name = $1").execute(Tuple.of(model))
                .chain(models -> c.preparedQuery("SELECT id, name FROM cluster WHERE name = ANY($1)")
                        .execute(Tuple.of(clusters.toArray(new String[0]))).map(rows -> {
                            Map<String, ClusterEntity> found = new HashMap<>();
                            for (Row r : rows) {
                                ClusterEntity e = new ClusterEntity();
                                e.id = r.getLong("id");
                                e.name = r.getString("name");
                                found.put(e.name, e);
                            }
                            ModelEntity m = null;
                            if (models.rowCount() > 0) {
                                m = new ModelEntity();
                                m.id = models.iterator().next().getLong("id");
                                m.name = model;
                            }
                            return new References(m, found);
                        }));
    }

    /** Lock first, read after, so a request that waited for the lock reads what the one before committed. */
    private static Uni<ModelDeploymentEntity> lockAndRead(SqlConnection c, String name) {
        return c.preparedQuery("SELECT id FROM model_deployment WHERE name = $1 FOR UPDATE").execute(Tuple.of(name))
                .chain(locked -> locked.rowCount() == 0 ? Uni.createFrom().<ModelDeploymentEntity>nullItem()
                        : c.preparedQuery(FleetReads.DEPLOYMENT_BY_ID)
                                .execute(Tuple.of(locked.iterator().next().getLong("id")))
                                .map(FleetReads::deployment));
    }

    private static Uni<Void> insert(SqlConnection c, ModelDeploymentEntity d, Runnable raceLost) {
        return c.preparedQuery("INSERT INTO model_deployment (name, model_id, model_version, p99_latency_ms,"
                + " min_accuracy, min_replicas, headroom, demand_source, analysis, auto_rollout, max_disrupted_percent,"
                + " maintenance_schedule, maintenance_duration, allow_estimated, revision, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0, $15, $16)"
                + " ON CONFLICT ON CONSTRAINT model_deployment_name_key DO NOTHING RETURNING id")
                .execute(columns(d).addOffsetDateTime(d.createdAt).addOffsetDateTime(d.updatedAt)).chain(rows -> {
                    if (rows.rowCount() == 0) {
                        raceLost.run();
                    }
                    d.id = rows.iterator().next().getLong("id");
                    return insertDemand(c, d, d.demand);
                });
    }

    private static Uni<Void> update(SqlConnection c, ModelDeploymentEntity d, Map<Long, String> before) {
        List<Long> kept = d.demand.stream().filter(x -> x.id != null).map(x -> x.id).toList();
        List<Long> gone = before.keySet().stream().filter(id -> !kept.contains(id)).toList();
        List<Tuple> changed = d.demand.stream().filter(x -> x.id != null
                && !(x.rps + "@" + x.position).equals(before.get(x.id)))
                .map(x -> Tuple.of(x.id, x.rps, x.position)).toList();
        List<DemandEntity> added = d.demand.stream().filter(x -> x.id == null).toList();
        Uni<Void> row = c.preparedQuery("UPDATE model_deployment SET name = $1, model_id = $2, model_version = $3,"
                + " p99_latency_ms = $4, min_accuracy = $5, min_replicas = $6, headroom = $7, demand_source = $8,"
                + " analysis = $9, auto_rollout = $10, max_disrupted_percent = $11, maintenance_schedule = $12,"
                + " maintenance_duration = $13, allow_estimated = $14, revision = $15, updated_at = $16 WHERE id = $17")
                .execute(columns(d).addLong(d.revision).addOffsetDateTime(d.updatedAt).addLong(d.id))
                .replaceWithVoid();
        Uni<Void> deletes = gone.isEmpty() ? Uni.createFrom().voidItem()
                : c.preparedQuery("DELETE FROM deployment_demand WHERE id = ANY($1)")
                        .execute(Tuple.of(gone.toArray(new Long[0]))).replaceWithVoid();
        Uni<Void> updates = changed.isEmpty() ? Uni.createFrom().voidItem()
                : c.preparedQuery("UPDATE deployment_demand SET rps = $2, position = $3 WHERE id = $1")
                        .executeBatch(changed).replaceWithVoid();
        // Deletes before inserts: a cluster dropped and named again must not hit the (deployment, cluster) key.
        return row.chain(() -> deletes).chain(() -> updates).chain(() -> insertDemand(c, d, added));
    }

    private static Uni<Void> insertDemand(SqlConnection c, ModelDeploymentEntity d, List<DemandEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = rows.stream().map(x -> Tuple.of(d.id, x.cluster.id, x.rps, x.position)).toList();
        return c.preparedQuery("INSERT INTO deployment_demand (deployment_id, cluster_id, rps, position)"
                + " VALUES ($1, $2, $3, $4)").executeBatch(batch).replaceWithVoid();
    }

    private static Tuple columns(ModelDeploymentEntity d) {
        return Tuple.tuple().addString(d.name).addLong(d.model.id).addString(d.version).addDouble(d.p99LatencyMs)
                .addDouble(d.minAccuracy).addInteger(d.minReplicas).addDouble(d.headroom)
                .addString(d.demandSource.name())
                // A JSON object, not its text: a String bound to a jsonb parameter would be stored as a JSON string.
                .addValue(d.analysis == null ? null : new JsonObject(json(d.analysis)))
                .addString(d.autoRollout.name()).addInteger(d.maxDisruptedPercent).addString(d.maintenanceSchedule)
                .addString(d.maintenanceDuration).addBoolean(d.allowEstimated);
    }
}
