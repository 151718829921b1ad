package io.modelfleet.rollout.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelfleet.analysis.domain.Measurement;
import io.modelfleet.analysis.domain.Verdict;
import io.modelfleet.rollout.engine.RolloutState.Awaited;
import io.modelfleet.rollout.engine.RolloutState.ClusterState;
import io.modelfleet.rollout.engine.RolloutState.StepState;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutKind;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.StepAction;
import io.modelfleet.rollout.entity.StepStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads a rollout's state and commits a transition's outcome, in plain SQL: one transaction that locks the rollout
 * row, checks the fence and the status the decision was made on (a pause or abort in between drops the commit; the
 * engine decides again), then writes only the columns the outcome names.
 */
public final class RolloutStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final Clock clock;

    public RolloutStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** The rollout as stored, or null when it does not exist. */
    public RolloutState load(UUID id) {
        return pool.withConnection(c -> c.preparedQuery("SELECT kind, plan_id, status, paused_at, transitions, control_version FROM"
                + " rollout WHERE id = $1").execute(Tuple.of(id)).chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row r = rows.iterator().next();
                    return clusters(c, id).map(clusters -> new RolloutState(id,
                            RolloutKind.valueOf(r.getString("kind")), r.getUUID("plan_id"),
                            RolloutStatus.valueOf(r.getString("status")), instant(r, "paused_at"),
                            r.getInteger("transitions"), r.getLong("control_version"), clusters));
                })).await().atMost(DB_TIMEOUT);
    }

    private Uni<List<ClusterState>> clusters(SqlConnection c, UUID id) {
        return verdicts(c, id).chain(verdicts -> c.preparedQuery("SELECT s.*, s.id AS step_id FROM rollout_step s"
                + " JOIN rollout_cluster k ON s.rollout_cluster_id = k.id WHERE k.rollout_id = $1")
                .execute(Tuple.of(id)).chain(stepRows -> {
                    Map<Long, List<StepState>> steps = new HashMap<>();
                    for (Row s : stepRows) {
                        steps.computeIfAbsent(s.getLong("rollout_cluster_id"), k -> new ArrayList<>())
                                .add(step(s, verdicts.getOrDefault(s.getLong("step_id"), List.of())));
                    }
                    return c.preparedQuery("SELECT id, cluster, wave, position, status, reason_code, reason"
                            + " FROM rollout_cluster"
                            + " WHERE rollout_id = $1").execute(Tuple.of(id)).map(rows -> {
                                List<ClusterState> out = new ArrayList<>();
                                for (Row r : rows) {
                                    out.add(new ClusterState(r.getLong("id"), r.getString("cluster"),
                                            r.getInteger("wave"), r.getInteger("position"),
                                            ClusterStatus.valueOf(r.getString("status")),
                                            r.getString("reason_code") == null ? null
                                                    : ReasonCode.valueOf(r.getString("reason_code")),
                                            r.getString("reason"), steps.getOrDefault(r.getLong("id"), List.of())));
                                }
                                return out;
                            });
                }));
    }

    /** Per step, the verdict of each committed measurement (the worst of its checks), in order. */
    private static Uni<Map<Long, List<Verdict>>> verdicts(SqlConnection c, UUID id) {
        return c.preparedQuery("SELECT m.rollout_step_id, m.seq, m.verdict FROM rollout_measurements m"
                + " JOIN rollout_step s ON m.rollout_step_id = s.id JOIN rollout_cluster k ON s.rollout_cluster_id = k.id"
                + " WHERE k.rollout_id = $1 ORDER BY m.rollout_step_id, m.seq").execute(Tuple.of(id)).map(rows -> {
                    Map<Long, TreeMap<Integer, Verdict>> bySeq = new HashMap<>();
                    for (Row r : rows) {
                        bySeq.computeIfAbsent(r.getLong("rollout_step_id"), k -> new TreeMap<>())
                                .merge(r.getInteger("seq"), Verdict.valueOf(r.getString("verdict")), Verdict::worse);
                    }
                    Map<Long, List<Verdict>> out = new HashMap<>();
                    bySeq.forEach((step, seqs) -> out.put(step, List.copyOf(seqs.values())));
                    return out;
                });
    }

    private static StepState step(Row s, List<Verdict> verdicts) {
        return new StepState(s.getLong("step_id"), s.getInteger("position"), s.getString("deployment"),
                StepAction.valueOf(s.getString("action")), StepStatus.valueOf(s.getString("status")),
                s.getString("namespace"), s.getString("workload"), s.getString("desired"), s.getString("previous"),
                awaiting(s.getString("awaiting")), s.getInteger("scale_down_to"), s.getInteger("required_replicas"),
                s.getInteger("timeout_seconds"), instant(s, "deadline_at"), s.getInteger("attempts"),
                instant(s, "next_attempt_at"), s.getString("reason"), gradual(s), analysis(s, verdicts));
    }

    private static RolloutState.Analysis analysis(Row s, List<Verdict> verdicts) {
        AnalysisSnapshot snapshot = AnalysisSnapshot.of(s.getString("metrics_url"), s.getString("metrics_credentials_ref"),
                s.getString("analysis_settings"));
        if (snapshot == null) {
            return null;
        }
        String verdict = s.getString("analysis_verdict");
        return new RolloutState.Analysis(snapshot, instant(s, "next_measurement_at"),
                s.getInteger("inconclusive_from_seq"), verdicts, verdict == null ? null : Verdict.valueOf(verdict));
    }

    private static RolloutState.Gradual gradual(Row s) {
        Integer batch = s.getInteger("batch_size");
        if (batch == null) {
            return null;
        }
        return new RolloutState.Gradual(batch, s.getInteger("applied_replicas"), s.getString("old_workload"),
                s.getDouble("need_rps"), s.getDouble("old_rps"), s.getDouble("new_rps"));
    }

    /**
     * Commits the outcome if the fence holds and no user action (pause, resume, abort, force-end) happened since the
     * state it was decided on was read; returns whether it was committed. Throws {@link LeaseLost} when the fence does not hold.
     */
    public boolean commit(RolloutLease lease, RolloutLease.Claim claim, RolloutState decidedOn, Outcome outcome) {
        if (outcome.kind() == Outcome.Kind.NOTHING) {
            return true;
        }
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> lease.hold(tx, claim).chain(held -> {
            if (held.controlVersion() != decidedOn.controlVersion()
                    || !decidedOn.status().name().equals(held.status())) {
                return Uni.createFrom().item(false);
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var step : outcome.steps.entrySet()) {
                chain = chain.chain(() -> update(tx, "rollout_step", step.getKey(), withUpdatedAt(step.getValue(), now)));
            }
            for (Outcome.MeasurementRow m : outcome.measurements) {
                chain = chain.chain(() -> insertMeasurement(tx, m));
            }
            for (var cluster : outcome.clusters.entrySet()) {
                chain = chain.chain(() -> update(tx, "rollout_cluster", cluster.getKey(), cluster.getValue()));
            }
            for (Outcome.RunningRow row : outcome.recordRunning) {
                chain = chain.chain(() -> recordRunning(tx, claim.rolloutId(), row, now));
            }
            for (String[] key : outcome.removeRunning) {
                chain = chain.chain(() -> tx.preparedQuery("DELETE FROM running_placement WHERE deployment = $1"
                        + " AND cluster = $2").execute(Tuple.of(key[0], key[1])).replaceWithVoid());
            }
            if (outcome.finish) {
                chain = chain.chain(() -> finish(tx, claim.rolloutId(), String.valueOf(outcome.rollout.get("reason"))));
            }
            Map<String, Object> rollout = new HashMap<>(outcome.rollout);
            rollout.put("updated_at", now);
            if (outcome.finish) {
                rollout.put("lease_owner", null);
                rollout.put("lease_until", null);
            }
            boolean counts = outcome.kind() == Outcome.Kind.TRANSITION;
            return chain.chain(() -> updateRollout(tx, claim.rolloutId(), rollout, counts)).replaceWith(true);
        })).await().atMost(DB_TIMEOUT);
    }

    private static Map<String, Object> withUpdatedAt(Map<String, Object> columns, OffsetDateTime now) {
        Map<String, Object> out = new HashMap<>(columns);
        out.put("updated_at", now);
        return out;
    }

    private static Uni<Void> update(SqlConnection tx, String table, Object id, Map<String, Object> columns) {
        if (columns.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
        List<Object> values = new ArrayList<>();
        for (var column : columns.entrySet()) {
            values.add(sqlValue(column.getValue()));
            sql.append(values.size() > 1 ? ", " : "").append(column.getKey()).append(" = $").append(values.size());
        }
        values.add(id);
        sql.append(" WHERE id = $").append(values.size());
        return tx.preparedQuery(sql.toString()).execute(Tuple.from(values)).replaceWithVoid();
    }

    private static Uni<Void> updateRollout(SqlConnection tx, UUID id, Map<String, Object> columns, boolean counts) {
        StringBuilder sql = new StringBuilder("UPDATE rollout SET transitions = transitions + ")
                .append(counts ? 1 : 0);
        List<Object> values = new ArrayList<>();
        for (var column : columns.entrySet()) {
            values.add(sqlValue(column.getValue()));
            sql.append(", ").append(column.getKey()).append(" = $").append(values.size());
        }
        values.add(id);
        sql.append(" WHERE id = $").append(values.size());
        return tx.preparedQuery(sql.toString()).execute(Tuple.from(values)).replaceWithVoid();
    }

    /** Skips what never started and releases the deployments' locks: exactly when the rollout becomes terminal. */
    private static Uni<Void> finish(SqlConnection tx, UUID id, String reason) {
        return tx.preparedQuery("UPDATE rollout_step SET status = 'SKIPPED' WHERE status = 'PENDING'"
                + " AND rollout_cluster_id IN (SELECT id FROM rollout_cluster WHERE rollout_id = $1)")
                .execute(Tuple.of(id))
                .chain(() -> tx.preparedQuery("UPDATE rollout_cluster SET status = 'SKIPPED', reason_code = $2,"
                        + " reason = $3 WHERE rollout_id = $1 AND status = 'PENDING'")
                        .execute(Tuple.of(id, ReasonCode.NOT_STARTED.name(), "not started: " + reason)))
                .chain(() -> tx.preparedQuery("DELETE FROM active_rollout_deployment WHERE rollout_id = $1")
                        .execute(Tuple.of(id)))
                .replaceWithVoid();
    }

    private static Uni<Void> insertMeasurement(SqlConnection tx, Outcome.MeasurementRow row) {
        Measurement m = row.measurement();
        return tx.preparedQuery("INSERT INTO rollout_measurements (rollout_step_id, seq, taken_at, check_name, query,"
                + " value, verdict, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(java.util.Arrays.asList(row.stepId(), row.seq(), sqlValue(m.at()), m.check(),
                        m.query(), finite(m.value()), m.verdict().name(), m.detail())))
                .replaceWithVoid();
    }

    /** PostgreSQL stores NaN and infinities, but JSON cannot show them: the verdict and detail already say so. */
    private static Double finite(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }

    private static Uni<Void> recordRunning(SqlConnection tx, UUID rolloutId, Outcome.RunningRow r,
            OffsetDateTime now) {
        var b = r.perReplica();
        return tx.preparedQuery("INSERT INTO running_placement (deployment, cluster, rollout_id, plan_id, variant_id,"
                + " precision, hardware, pool, replicas, hourly_cost_usd, updated_at, namespace, batch_size,"
                + " accelerators_per_replica, vcpus_per_replica, memory_gib_per_replica)"
                + " SELECT $1, $2, $3, plan_id, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15"
                + " FROM rollout WHERE id = $3"
                + " ON CONFLICT (deployment, cluster) DO UPDATE SET rollout_id = EXCLUDED.rollout_id,"
                + " plan_id = EXCLUDED.plan_id, variant_id = EXCLUDED.variant_id, precision = EXCLUDED.precision,"
                + " hardware = EXCLUDED.hardware, pool = EXCLUDED.pool, replicas = EXCLUDED.replicas,"
                + " hourly_cost_usd = EXCLUDED.hourly_cost_usd, updated_at = EXCLUDED.updated_at,"
                + " namespace = EXCLUDED.namespace, batch_size = EXCLUDED.batch_size,"
                + " accelerators_per_replica = EXCLUDED.accelerators_per_replica,"
                + " vcpus_per_replica = EXCLUDED.vcpus_per_replica,"
                + " memory_gib_per_replica = EXCLUDED.memory_gib_per_replica")
                .execute(Tuple.from(java.util.Arrays.asList(r.deployment(), r.cluster(), rolloutId, r.variantId(),
                        r.precision(), r.hardware(), r.pool(), r.replicas(), r.hourlyCostUsd(), now, r.namespace(),
                        r.batchSize(), b == null ? null : b.acceleratorsPerReplica(),
                        b == null ? null : b.vcpusPerReplica(), b == null ? null : b.memoryGiBPerReplica())))
                .replaceWithVoid();
    }

    private static Object sqlValue(Object value) {
        if (value instanceof Instant i) {
            return OffsetDateTime.ofInstant(i, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        }
        return value;
    }

    static String awaitingJson(List<Awaited> awaiting) {
        try {
            return JSON.writeValueAsString(awaiting);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Awaited> awaiting(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<Awaited>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable awaiting column: " + json, e);
        }
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
