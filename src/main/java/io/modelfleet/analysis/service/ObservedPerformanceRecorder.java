package io.modelfleet.analysis.service;

import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryOutcome;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.analysis.domain.QueryTemplates;
import io.modelfleet.analysis.domain.QueryVariables;
import io.modelfleet.analysis.domain.RuntimeChoice;
import io.modelfleet.analysis.prometheus.PrometheusClient;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.rollout.RolloutConfig;
import io.modelfleet.rollout.kube.ObjectNames;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Records observed performance as OBSERVED benchmark rows: for each running placement on a cluster with a metrics
 * source, its variant's p99 and its workload's requests/s per ready replica over the performance window, upserted
 * as ONE row per placement (variant, hardware, batch size, deployment, cluster) beside the declared row the
 * placement was planned with (whose per-replica resources it repeats); declared rows are never touched. A
 * placement with no data, an idle workload or a failed query records nothing this time, and neither does one whose
 * deployment a rollout is changing on that cluster (old and new pods would be mixed in the per-replica figure).
 * Every pass first deletes OBSERVED rows older than {@code max-age}: a placement that stopped running, or stopped
 * being observed, stops being evidence. One replica records at a time (a session advisory lock on the connection
 * the upserts use). Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class ObservedPerformanceRecorder {

    private static final Logger LOG = Logger.getLogger(ObservedPerformanceRecorder.class);
    /** Advisory lock key for "one replica records observed performance at a time" (unique to this use). */
    static final long RECORD_LOCK = 0x6d66_6f62_7365_7276L;
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private static final String PLACEMENTS = "SELECT rp.deployment, rp.cluster, rp.variant_id, rp.precision,"
            + " rp.hardware, coalesce(rp.namespace, c.target->>'namespace') AS namespace, c.metrics_prometheus_url,"
            + " c.metrics_credentials_ref, v.image, v.format, d.analysis->>'runtime' AS runtime,"
            + " (SELECT (x->>'batchSize')::int FROM jsonb_array_elements(CAST(p.result AS jsonb)->'placements') x"
            + " WHERE x->>'deployment' = rp.deployment AND x->>'cluster' = rp.cluster LIMIT 1) AS batch_size"
            + " FROM running_placement rp JOIN cluster c ON c.name = rp.cluster JOIN plan p ON p.id = rp.plan_id"
            + " JOIN variant v ON CAST(v.id AS text) = rp.variant_id"
            + " LEFT JOIN model_deployment d ON d.name = rp.deployment"
            + " WHERE c.metrics_prometheus_url IS NOT NULL"
            + " AND NOT EXISTS (SELECT 1 FROM rollout r JOIN rollout_cluster rc ON rc.rollout_id = r.id"
            + " JOIN rollout_step s ON s.rollout_cluster_id = rc.id WHERE rc.cluster = rp.cluster"
            + " AND s.deployment = rp.deployment AND r.status NOT IN ('SUCCEEDED', 'ROLLED_BACK', 'ABORTED', 'FAILED'))"
            + " ORDER BY rp.deployment, rp.cluster";

    private static final String AGE_OUT = "DELETE FROM benchmark WHERE observed AND observed_at < $1";

    /** Copies the declared row's resources; the row's list position is after every row the variant has. */
    private static final String UPSERT = "INSERT INTO benchmark (variant_id, hardware_profile_id, batch_size,"
            + " p99_latency_ms, throughput_rps, accelerators_per_replica, vcpus_per_replica, memory_gib_per_replica,"
            + " source, position, observed_at, window_seconds, load_rps, observed_deployment, observed_cluster)"
            + " SELECT b.variant_id, b.hardware_profile_id, b.batch_size, $4, $5, b.accelerators_per_replica,"
            + " b.vcpus_per_replica, b.memory_gib_per_replica, 'OBSERVED',"
            + " (SELECT max(o.position) + 1 FROM benchmark o WHERE o.variant_id = b.variant_id), $6, $7, $8, $9, $10"
            + " FROM benchmark b JOIN hardware_profile h ON h.id = b.hardware_profile_id"
            + " WHERE b.variant_id = $1 AND h.name = $2 AND b.batch_size = $3 AND NOT b.observed"
            + " ON CONFLICT (variant_id, hardware_profile_id, batch_size, observed_deployment, observed_cluster)"
            + " WHERE observed DO UPDATE SET p99_latency_ms = EXCLUDED.p99_latency_ms,"
            + " throughput_rps = EXCLUDED.throughput_rps,"
            + " accelerators_per_replica = EXCLUDED.accelerators_per_replica,"
            + " vcpus_per_replica = EXCLUDED.vcpus_per_replica,"
            + " memory_gib_per_replica = EXCLUDED.memory_gib_per_replica,"
            + " observed_at = EXCLUDED.observed_at, window_seconds = EXCLUDED.window_seconds,"
            + " load_rps = EXCLUDED.load_rps";

    /** A running placement to observe. */
    record Placement(String deployment, String cluster, String variantId, String hardware, int batchSize,
            String namespace, String workload, QueryRuntime runtime, MetricsSource source) {
    }

    /** One placement's observation, ready to store. */
    record Observation(Placement placement, double p99Ms, double rpsPerReplica, double loadRps, Instant at) {
    }

    private final Pool pool;
    private final PrometheusClient client;
    private final Duration window;
    private final Duration maxAge;
    private final String defaultNamespace;
    private final Clock wallClock;

    @Inject
    public ObservedPerformanceRecorder(Pool pool, PrometheusClient client, ObservedConfig config,
            RolloutConfig rollout) {
        this(pool, client, config.performanceWindow(), config.maxAge(), rollout.namespace(), Clock.systemUTC());
    }

    public ObservedPerformanceRecorder(Pool pool, PrometheusClient client, Duration window, Duration maxAge,
            String defaultNamespace, Clock wallClock) {
        if (window.isNegative() || window.isZero() || window.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("modelfleet.analysis.observed.performance-window must be whole"
                    + " positive seconds, was " + window);
        }
        this.pool = pool;
        this.client = client;
        if (maxAge.compareTo(window) <= 0) {
            throw new IllegalArgumentException("modelfleet.analysis.observed.max-age must be longer than the"
                    + " performance window " + window + ", was " + maxAge);
        }
        this.window = window;
        this.maxAge = maxAge;
        this.defaultNamespace = defaultNamespace;
        this.wallClock = wallClock;
    }

    /**
     * Observes every running placement on a cluster with a metrics source and upserts its OBSERVED row; returns
     * how many rows were written, or -1 when another replica holds the lock (and records instead).
     */
    public int recordAll() {
        SqlConnection c = pool.getConnection().await().atMost(DB_TIMEOUT);
        try {
            boolean got = c.preparedQuery("SELECT pg_try_advisory_lock($1) AS got").execute(Tuple.of(RECORD_LOCK))
                    .await().atMost(DB_TIMEOUT).iterator().next().getBoolean("got");
            if (!got) {
                return -1;
            }
            try {
                c.preparedQuery(AGE_OUT).execute(Tuple.of(OffsetDateTime.ofInstant(wallClock.instant().minus(maxAge),
                        ZoneOffset.UTC))).await().atMost(DB_TIMEOUT);
                int written = 0;
                for (Placement p : placements(c)) {
                    Observation o = observe(p);
                    if (o != null) {
                        written += store(c, o);
                    }
                }
                if (written > 0) {
                    // New observed figures may put a placement's SLO at risk: the loop re-plans it (design 006).
                    io.modelfleet.placement.PlacementTriggers.fire(c, "observed performance recorded for " + written
                            + " placements").await().atMost(DB_TIMEOUT);
                }
                return written;
            } finally {
                c.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(RECORD_LOCK)).await()
                        .atMost(DB_TIMEOUT);
            }
        } finally {
            c.close().await().atMost(DB_TIMEOUT);
        }
    }

    private List<Placement> placements(SqlConnection c) {
        List<Placement> out = new ArrayList<>();
        for (Row r : c.query(PLACEMENTS).execute().await().atMost(DB_TIMEOUT)) {
            Integer batch = r.getInteger("batch_size");
            if (batch == null) {
                continue;
            }
            String ns = r.getString("namespace");
            String runtime = r.getString("runtime");
            out.add(new Placement(r.getString("deployment"), r.getString("cluster"), r.getString("variant_id"),
                    r.getString("hardware"), batch, ns == null ? defaultNamespace : ns,
                    ObjectNames.workload(r.getString("deployment"), Precision.valueOf(r.getString("precision")),
                            r.getString("hardware")),
                    RuntimeChoice.of(r.getString("image"), r.getString("format"),
                            runtime == null ? null : QueryRuntime.valueOf(runtime)),
                    new MetricsSource(r.getString("metrics_prometheus_url"), r.getString("metrics_credentials_ref"))));
        }
        return out;
    }

    /** p99 and requests/s per ready replica at one instant, with the ready replicas for the load; null if any lacks. */
    Observation observe(Placement p) {
        Instant at = wallClock.instant();
        QueryVariables variables;
        try {
            variables = new QueryVariables(p.namespace(), p.workload(), p.deployment(), p.variantId(), window);
        } catch (IllegalArgumentException e) {
            LOG.warnf("cluster %s: deployment %s not observed: %s", p.cluster(), p.deployment(), e.getMessage());
            return null;
        }
        QueryTemplates templates = QueryTemplates.of(p.runtime());
        List<QueryOutcome> answers = client.queryAll(p.cluster(), p.source(), List.of(
                variables.render(templates.p99Ms()), variables.render(templates.rpsPerReplica()),
                variables.render(QueryTemplates.READY_REPLICAS)), at);
        Double p99 = positive(answers.get(0));
        Double perReplica = positive(answers.get(1));
        Double ready = positive(answers.get(2));
        if (p99 == null || perReplica == null || ready == null) {
            answers.stream().filter(a -> a instanceof QueryOutcome.Failed).findFirst().ifPresent(a -> LOG.warnf(
                    "deployment %s on cluster %s not observed: %s", p.deployment(), p.cluster(),
                    ((QueryOutcome.Failed) a).reason()));
            return null;
        }
        return new Observation(p, p99, perReplica, perReplica * ready, at);
    }

    private static Double positive(QueryOutcome outcome) {
        return outcome instanceof QueryOutcome.Value v && Double.isFinite(v.value()) && v.value() > 0 ? v.value()
                : null;
    }

    private int store(SqlConnection c, Observation o) {
        Placement p = o.placement();
        return c.preparedQuery(UPSERT).execute(Tuple.tuple().addUUID(java.util.UUID.fromString(p.variantId()))
                .addString(p.hardware()).addInteger(p.batchSize()).addDouble(o.p99Ms()).addDouble(o.rpsPerReplica())
                .addOffsetDateTime(OffsetDateTime.ofInstant(o.at(), ZoneOffset.UTC)
                        .truncatedTo(java.time.temporal.ChronoUnit.MICROS))
                .addInteger((int) window.toSeconds()).addDouble(o.loadRps()).addString(p.deployment())
                .addString(p.cluster()))
                .await().atMost(DB_TIMEOUT).rowCount();
    }
}
