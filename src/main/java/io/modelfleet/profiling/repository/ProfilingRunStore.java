package io.modelfleet.profiling.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.catalog.dto.VariantView;
import io.modelfleet.common.persistence.SqlValues;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.profiling.domain.OperatingGrid;
import io.modelfleet.profiling.domain.ProfilingState;
import io.modelfleet.profiling.domain.StorableText;
import io.modelfleet.profiling.entity.Claim;
import io.modelfleet.profiling.entity.ProfilingRun;
import io.modelfleet.profiling.kube.KServeInput;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code profiling_run} table in plain SQL. Every transition the driver makes is one UPDATE conditional on the
 * state it leaves and on the claim token ({@link #claim}), so it commits only while the run is still where the
 * driver saw it and still this replica's; a false answer means someone else moved it (a cancel, another replica).
 * Ingesting results is the one transition that also writes benchmark rows: {@link ProfilingRunSessionWrites}.
 */
@ApplicationScoped
public class ProfilingRunStore {

    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final TypeReference<List<Integer>> INTEGERS = new TypeReference<>() { };
    private static final TypeReference<List<VariantView.Benchmark>> BENCHMARKS = new TypeReference<>() { };
    private static final String SELECT = "SELECT r.*, m.name AS model FROM profiling_run r"
            + " JOIN variant v ON v.id = r.variant_id JOIN model m ON m.id = v.model_id";
    private static final String ACTIVE = "('PENDING', 'RUNNING')";

    private final Pool pool;

    public ProfilingRunStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores new PENDING runs in one transaction: all or none. A variant that already has an active run on one of
     * the hardware profiles is a 409 naming it (the unique index decides, whatever requests race).
     */
    public Uni<Void> insertAll(List<ProfilingRun> runs) {
        return pool.withTransaction(tx -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ProfilingRun r : runs) {
                chain = chain.chain(() -> tx.preparedQuery("INSERT INTO profiling_run (id, variant_id, hardware,"
                        + " cluster, pool, target_type, state, batch_sizes, concurrencies, duration_seconds,"
                        + " timeout_seconds, accelerators_per_replica, vcpus_per_replica, memory_gib_per_replica,"
                        + " input_name, input_shape, input_datatype, job_name, job_namespace, job_manifest,"
                        + " serving_image, loadgen_image, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6,"
                        + " 'PENDING', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,"
                        + " $23)")
                        .execute(Tuple.from(new Object[] {r.id(), r.variantId(), r.hardware(), r.cluster(), r.pool(),
                                r.targetType().name(), SqlValues.json(r.grid().batchSizes()),
                                SqlValues.json(r.grid().concurrencies()), r.durationSeconds(), r.timeoutSeconds(),
                                r.acceleratorsPerReplica(), r.vcpusPerReplica(), r.memoryGiBPerReplica(),
                                r.input().name(), SqlValues.json(r.input().shape()), r.input().datatype(),
                                r.jobName(), r.jobNamespace(),
                                r.jobManifest(), r.servingImage(), r.loadgenImage(), r.createdAt(),
                                r.createdBy()}))
                        .replaceWithVoid());
            }
            return chain;
        }).onFailure(ProfilingRunStore::variantGone).transform(e -> ProblemException.notFound("variant "
                + runs.get(0).variantId() + " was deleted while its profiling runs were being created"))
                .onFailure(ProfilingRunStore::activeRunExists).recoverWithUni(e -> active(runs.get(0).variantId())
                        .map(active -> {
                            throw ProblemException.conflict("a profiling run of this variant is already " + active
                                    + "; wait for it to end, or cancel it, before starting another");
                        }));
    }

    /** The variant's active runs, as a person reads them: "PENDING on g4dn.xlarge (run ...)". */
    private Uni<String> active(java.util.UUID variantId) {
        return pool.preparedQuery("SELECT id, hardware, state FROM profiling_run WHERE variant_id = $1 AND state IN "
                + ACTIVE + " ORDER BY hardware").execute(Tuple.of(variantId)).map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString("state") + " on " + r.getString("hardware") + " (run "
                            + r.getUUID("id") + ")"));
                    return String.join(", ", out);
                });
    }

    private static boolean variantGone(Throwable e) {
        return e instanceof PgException pg && "23503".equals(pg.getSqlState());
    }

    private static boolean activeRunExists(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && pg.getMessage() != null && pg.getMessage().contains("profiling_run_one_active");
    }

    /** The run, or null. */
    public Uni<ProfilingRun> get(UUID id) {
        return pool.preparedQuery(SELECT + " WHERE r.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null : run(rows.iterator().next()));
    }

    /** One page of a variant's runs, newest first. */
    public Uni<Page<ProfilingRun>> page(UUID variantId, PageRequest page) {
        return pool.preparedQuery("SELECT count(*) AS n FROM profiling_run WHERE variant_id = $1")
                .execute(Tuple.of(variantId))
                .chain(count -> pool.preparedQuery(SELECT + " WHERE r.variant_id = $1"
                        + " ORDER BY r.created_at DESC, r.id LIMIT $2 OFFSET $3")
                        .execute(Tuple.of(variantId, page.size(), (long) page.page() * page.size()))
                        .map(rows -> new Page<>(runs(rows), page.page(), page.size(),
                                count.iterator().next().getLong("n"))));
    }

    /**
     * Claims up to {@code limit} PENDING or RUNNING runs nobody holds (or whose holder's claim ran out): runs never
     * claimed first, then the ones given back longest ago, so that many long runs do not starve a new one. Each
     * claim moves the run's token, which every later transition of this claim must still find. Rows another
     * replica is claiming at this moment are skipped, not waited for.
     */
    public Uni<List<Claim>> claim(String owner, OffsetDateTime now, OffsetDateTime until, int limit) {
        return pool.preparedQuery("WITH c AS (SELECT id FROM profiling_run WHERE state IN " + ACTIVE
                + " AND (lease_until IS NULL OR lease_until <= $2) ORDER BY lease_until NULLS FIRST, created_at, id"
                + " LIMIT $4 FOR UPDATE SKIP LOCKED)"
                + " UPDATE profiling_run r SET lease_owner = $1, lease_until = $3, lease_token = r.lease_token + 1"
                + " FROM c WHERE r.id = c.id RETURNING r.id, r.lease_token")
                .execute(Tuple.of(owner, now, until, limit))
                .chain(claimed -> {
                    List<UUID> ids = new ArrayList<>();
                    List<Long> tokens = new ArrayList<>();
                    claimed.forEach(row -> {
                        ids.add(row.getUUID("id"));
                        tokens.add(row.getLong("lease_token"));
                    });
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<Claim>of());
                    }
                    return pool.preparedQuery(SELECT + " WHERE r.id = ANY($1) ORDER BY r.created_at, r.id")
                            .execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
                                List<Claim> out = new ArrayList<>();
                                for (ProfilingRun run : runs(rows)) {
                                    // The token the claim set: a later claim (after this one ran out) moved it on.
                                    out.add(new Claim(run, tokens.get(ids.indexOf(run.id()))));
                                }
                                return out;
                            });
                });
    }

    /** PENDING to RUNNING: the Job was applied or written. */
    public Uni<Boolean> started(Claim claim, OffsetDateTime now) {
        return pool.preparedQuery("UPDATE profiling_run SET state = 'RUNNING', started_at = $3, reason = NULL"
                + " WHERE id = $1 AND lease_token = $2 AND state = 'PENDING'")
                .execute(Tuple.of(claim.run().id(), claim.token(), now)).map(ProfilingRunStore::one);
    }

    /**
     * From the state the claim saw to FAILED or TIMED_OUT, with the reason and the log's end; adds no rows. Both
     * come from the cluster (a condition's message, the pod log), so they are made storable first.
     */
    public Uni<Boolean> ended(Claim claim, ProfilingState to, String reason, String logsExcerpt,
            OffsetDateTime now) {
        return pool.preparedQuery("UPDATE profiling_run SET state = $4, reason = $5, logs_excerpt = $6,"
                + " finished_at = $7, lease_until = NULL WHERE id = $1 AND lease_token = $2 AND state = $3")
                .execute(Tuple.from(new Object[] {claim.run().id(), claim.token(), claim.run().state().name(),
                        to.name(), StorableText.of(reason), StorableText.of(logsExcerpt), now}))
                .map(ProfilingRunStore::one);
    }

    /**
     * Why an active run is still where it is (a pod that waits, a retried apply); the state does not change. The
     * reason may quote the cluster, so it is made storable first.
     */
    public Uni<Boolean> noted(Claim claim, String reason) {
        return pool.preparedQuery("UPDATE profiling_run SET reason = $3 WHERE id = $1 AND lease_token = $2"
                + " AND state IN " + ACTIVE).execute(Tuple.of(claim.run().id(), claim.token(), StorableText.of(reason)))
                .map(ProfilingRunStore::one);
    }

    /**
     * Gives the claim up, so the next poll of any replica may take the run at once; the time it was given back
     * puts it behind the runs that waited longer.
     */
    public Uni<Void> release(Claim claim, OffsetDateTime now) {
        return pool.preparedQuery("UPDATE profiling_run SET lease_until = $3 WHERE id = $1 AND lease_token = $2")
                .execute(Tuple.of(claim.run().id(), claim.token(), now)).replaceWithVoid();
    }

    /**
     * PENDING or RUNNING to CANCELLED, by whoever asks on whichever replica; the claim token moves too, so a driver
     * in the middle of a step commits nothing after it. Null when the run is not active (or does not exist).
     */
    public Uni<ProfilingRun> cancel(UUID id, String by, OffsetDateTime now) {
        return pool.preparedQuery("UPDATE profiling_run SET state = 'CANCELLED', reason = $2, finished_at = $3,"
                + " lease_until = NULL, lease_token = lease_token + 1 WHERE id = $1 AND state IN " + ACTIVE)
                .execute(Tuple.of(id, "cancelled by " + by, now))
                .chain(rows -> one(rows) ? get(id) : Uni.createFrom().nullItem());
    }

    private static boolean one(RowSet<Row> rows) {
        return rows.rowCount() == 1;
    }

    private static List<ProfilingRun> runs(RowSet<Row> rows) {
        List<ProfilingRun> out = new ArrayList<>();
        rows.forEach(r -> out.add(run(r)));
        return out;
    }

    static ProfilingRun run(Row r) {
        KServeInput input = new KServeInput(r.getString("input_name"),
                SqlValues.json(r.getString("input_shape"), INTEGERS), r.getString("input_datatype"));
        Object produced = r.getValue("rows_produced");
        List<VariantView.Benchmark> rows = produced == null ? List.of() : read(produced.toString());
        return new ProfilingRun(r.getUUID("id"), r.getUUID("variant_id"), r.getString("model"),
                r.getString("hardware"), r.getString("cluster"), r.getString("pool"),
                TargetType.valueOf(r.getString("target_type")), ProfilingState.valueOf(r.getString("state")),
                r.getString("reason"), new OperatingGrid(SqlValues.json(r.getString("batch_sizes"), INTEGERS),
                        SqlValues.json(r.getString("concurrencies"), INTEGERS)),
                r.getInteger("duration_seconds"), r.getInteger("timeout_seconds"),
                r.getInteger("accelerators_per_replica"), r.getDouble("vcpus_per_replica"),
                r.getDouble("memory_gib_per_replica"), input, r.getString("job_name"), r.getString("job_namespace"),
                r.getString("job_manifest"), r.getString("serving_image"), r.getString("loadgen_image"),
                SqlValues.utc(r.getOffsetDateTime("created_at")), r.getString("created_by"),
                SqlValues.utc(r.getOffsetDateTime("started_at")), SqlValues.utc(r.getOffsetDateTime("finished_at")),
                r.getString("logs_excerpt"), rows, r.getLong("lease_token"));
    }

    /** Benchmark rows as {@code rows_produced} holds them. */
    public static String rowsJson(List<VariantView.Benchmark> rows) {
        try {
            return JSON.writeValueAsString(rows);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("benchmark views are plain records", e);
        }
    }

    private static List<VariantView.Benchmark> read(String json) {
        try {
            return JSON.readValue(json, BENCHMARKS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable profiling_run.rows_produced: " + e.getOriginalMessage(), e);
        }
    }
}
