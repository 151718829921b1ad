package io.modelfleet.rollout;

import io.modelfleet.api.audit.AuditEntry;
import io.modelfleet.api.audit.AuditLog;
import io.modelfleet.rollout.engine.ReasonCode;
import io.modelfleet.rollout.entity.RolloutKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * No orphans: what ModelFleet runs for a deployment on a cluster that the deployment no longer demands (the cluster
 * left its demand, or the deployment was deleted) is retired by a RETIREMENT rollout — REMOVE steps, visible in
 * GET /rollouts like any other — started here as soon as no other rollout of that deployment is active. One replica
 * at a time looks (a transaction-scoped advisory lock), and the per-deployment lock row makes a second retirement
 * of the same deployment impossible.
 */
final class Retirements {

    private static final Logger LOG = Logger.getLogger(Retirements.class);
    /** Advisory lock key for "one replica looks for orphans at a time" (any constant unique to this use). */
    private static final long SWEEP_LOCK = 0x6d66_7265_7469_7265L;

    /** How long a failed retirement waits before it is tried again. */
    static final Duration RETRY_FAILED_AFTER = Duration.ofHours(1);

    private final Pool pool;
    private final Clock clock;
    private final int stepTimeoutSeconds;
    private final String defaultNamespace;

    Retirements(Pool pool, Clock clock, int stepTimeoutSeconds, String defaultNamespace) {
        this.pool = pool;
        this.clock = clock;
        this.stepTimeoutSeconds = stepTimeoutSeconds;
        this.defaultNamespace = defaultNamespace;
    }

    private record Orphan(String deployment, String cluster, String namespace) {
    }

    /** Starts one retirement per deployment that runs somewhere it is not demanded; returns how many. */
    int startForOrphans() {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS got")
                .execute(Tuple.of(SWEEP_LOCK)).chain(rows -> rows.iterator().next().getBoolean("got")
                        ? orphans(tx).chain(found -> start(tx, found)) : Uni.createFrom().item(0)))
                .await().atMost(Duration.ofSeconds(30));
    }

    private Uni<Map<String, List<Orphan>>> orphans(SqlConnection tx) {
        return tx.preparedQuery("SELECT rp.deployment, rp.cluster, coalesce(rp.namespace, c.target->>'namespace')"
                + " AS namespace FROM running_placement rp JOIN cluster c ON c.name = rp.cluster"
                + " WHERE NOT EXISTS (SELECT 1 FROM active_rollout_deployment a WHERE a.deployment = rp.deployment)"
                + " AND NOT EXISTS (SELECT 1 FROM model_deployment d JOIN deployment_demand dd"
                + " ON dd.deployment_id = d.id WHERE d.name = rp.deployment AND dd.cluster_id = c.id)"
                // A retirement that failed is not started again at once, every tick: an hour later at the soonest.
                + " AND NOT EXISTS (SELECT 1 FROM rollout r JOIN rollout_cluster k ON k.rollout_id = r.id"
                + " JOIN rollout_step s ON s.rollout_cluster_id = k.id WHERE r.kind = 'RETIREMENT'"
                + " AND s.deployment = rp.deployment AND k.cluster = rp.cluster AND r.status IN ('ROLLED_BACK', 'FAILED')"
                + " AND r.updated_at > $1)"
                + " ORDER BY rp.deployment, rp.cluster").execute(Tuple.of(OffsetDateTime.now(clock)
                        .withOffsetSameInstant(ZoneOffset.UTC).minus(RETRY_FAILED_AFTER))).map(rows -> {
                    Map<String, List<Orphan>> byDeployment = new LinkedHashMap<>();
                    for (Row r : rows) {
                        String ns = r.getString("namespace");
                        byDeployment.computeIfAbsent(r.getString("deployment"), k -> new ArrayList<>()).add(
                                new Orphan(r.getString("deployment"), r.getString("cluster"),
                                        ns == null ? defaultNamespace : ns));
                    }
                    return byDeployment;
                });
    }

    private Uni<Integer> start(SqlConnection tx, Map<String, List<Orphan>> byDeployment) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var entry : byDeployment.entrySet()) {
            chain = chain.chain(() -> create(tx, entry.getKey(), entry.getValue()));
        }
        return chain.replaceWith(byDeployment.size());
    }

    private Uni<Void> create(SqlConnection tx, String deployment, List<Orphan> orphans) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        String reason = "deployment '" + deployment + "' no longer demands "
                + String.join(", ", orphans.stream().map(Orphan::cluster).toList())
                + "; retiring what ModelFleet runs there";
        LOG.infof("rollout=%s retirement of deployment=%s on %s", id, deployment,
                orphans.stream().map(Orphan::cluster).toList());
        Uni<Void> chain = tx.preparedQuery("INSERT INTO rollout (id, plan_id, kind, status, reason, reason_code,"
                + " created_at, updated_at, created_by, revision) VALUES ($1, NULL, $2, 'RUNNING', $3, $4, $5, $5,"
                + " 'modelfleet:retirement', 0)")
                .execute(Tuple.of(id, RolloutKind.RETIREMENT.name(), reason, ReasonCode.CREATED.name(), now))
                .chain(() -> tx.preparedQuery("INSERT INTO active_rollout_deployment (deployment, rollout_id)"
                        + " VALUES ($1, $2)").execute(Tuple.of(deployment, id)))
                .chain(() -> AuditLog.append(tx, AuditEntry.engineAction(now, "modelfleet:retirement", "rollout",
                        id.toString(), "create", reason))).replaceWithVoid();
        for (int i = 0; i < orphans.size(); i++) {
            Orphan o = orphans.get(i);
            int position = i;
            chain = chain.chain(() -> tx.preparedQuery("INSERT INTO rollout_cluster (rollout_id, cluster, wave,"
                    + " position, status) VALUES ($1, $2, 0, $3, 'PENDING') RETURNING id")
                    .execute(Tuple.of(id, o.cluster(), position))
                    .chain(rows -> tx.preparedQuery("INSERT INTO rollout_step (rollout_cluster_id, position,"
                            + " deployment, action, status, namespace, workload, desired, required_replicas,"
                            + " timeout_seconds, attempts, updated_at) VALUES ($1, 0, $2, 'REMOVE', 'PENDING', $3,"
                            + " NULL, '', 0, $4, 0, $5)")
                            .execute(Tuple.of(rows.iterator().next().getLong("id"), deployment, o.namespace(),
                                    stepTimeoutSeconds, now)))
                    .replaceWithVoid());
        }
        return chain;
    }
}
