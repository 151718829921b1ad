package io.modelfleet.rollout;

import io.modelfleet.api.ProblemException;
import io.modelfleet.rollout.engine.ReasonCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What users do to a running rollout — pause, resume, abort, force-end — each a single conditional UPDATE of the
 * columns it owns (status, reason, paused_at, deadlines). None of them ever writes the lease columns back, so it
 * cannot undo an engine's claim; force-end alone bumps the fencing token, on purpose, so the replica driving the
 * rollout can commit nothing more.
 */
@ApplicationScoped
public class RolloutActions {

    private final Pool pool;
    private final Clock clock;

    public RolloutActions(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Void> pause(UUID id) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> lockedWhileNotRollingBack(tx, id, "RUNNING").chain(ok -> ok
                ? tx.preparedQuery("UPDATE rollout SET control_version = control_version + 1, status = 'PAUSED',"
                        + " reason_code = $2, reason = 'paused by a user', paused_at = $3, updated_at = $3"
                        + " WHERE id = $1").execute(Tuple.of(id, ReasonCode.PAUSED.name(), now)).replaceWithVoid()
                : refuse(tx, id, "paused", "only a RUNNING rollout that is not rolling back can be paused")));
    }

    /**
     * Locks the rollout row (so the engine cannot commit a rollback in between) and says whether it has one of the
     * given statuses and no cluster rolling back.
     */
    private static Uni<Boolean> lockedWhileNotRollingBack(SqlConnection tx, UUID id, String... statuses) {
        return tx.preparedQuery("SELECT status FROM rollout WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.rowCount() == 0 || !java.util.List.of(statuses)
                            .contains(rows.iterator().next().getString("status"))) {
                        return Uni.createFrom().item(false);
                    }
                    return tx.preparedQuery("SELECT count(*) AS n FROM rollout_cluster WHERE rollout_id = $1"
                            + " AND status = 'ROLLING_BACK'").execute(Tuple.of(id))
                            .map(n -> n.iterator().next().getLong("n") == 0);
                });
    }

    public Uni<Void> resume(UUID id) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT paused_at FROM rollout WHERE id = $1"
                + " AND status = 'PAUSED' FOR UPDATE").execute(Tuple.of(id)).chain(paused -> paused.rowCount() == 0
                        ? refuse(tx, id, "resumed", "only a PAUSED rollout can be resumed")
                        : tx.preparedQuery("UPDATE rollout SET control_version = control_version + 1, status = 'RUNNING',"
                                + " reason_code = $2,"
                                + " reason = 'resumed by a user', paused_at = NULL, updated_at = $3 WHERE id = $1")
                                .execute(Tuple.of(id, ReasonCode.RESUMED.name(), now))
                                .chain(() -> moveDeadlines(tx, id, paused, now))
                                .chain(() -> restartInconclusiveCount(tx, id))));
    }

    /**
     * A person looked and resumed: inconclusive measurements count again from the next one (those taken are kept and
     * shown), and a verdict of INCONCLUSIVE no longer stands.
     */
    private static Uni<Void> restartInconclusiveCount(SqlConnection tx, UUID id) {
        return tx.preparedQuery("UPDATE rollout_step s SET inconclusive_from_seq = 1 + COALESCE((SELECT max(m.seq)"
                + " FROM rollout_measurements m WHERE m.rollout_step_id = s.id), 0), analysis_verdict = NULL"
                + " WHERE s.status = 'ANALYZING'"
                + " AND s.rollout_cluster_id IN (SELECT id FROM rollout_cluster WHERE rollout_id = $1)")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /**
     * Pause stops the clock: the time spent paused is added to every deadline a step is waiting against, and to an
     * analyzing step's next measurement.
     */
    private static Uni<Void> moveDeadlines(SqlConnection tx, UUID id, RowSet<Row> rows, OffsetDateTime now) {
        OffsetDateTime pausedAt = rows.iterator().next().getOffsetDateTime("paused_at");
        if (pausedAt == null) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("UPDATE rollout_step SET deadline_at = deadline_at + (CAST($2 AS timestamptz) - CAST($3 AS timestamptz))"
                + " WHERE deadline_at IS NOT NULL AND status IN ('APPLIED', 'ROLLING_BACK')"
                + " AND rollout_cluster_id IN (SELECT id FROM rollout_cluster WHERE rollout_id = $1)")
                .execute(Tuple.of(id, now, pausedAt))
                .chain(() -> tx.preparedQuery("UPDATE rollout_step SET next_measurement_at = next_measurement_at"
                        + " + (CAST($2 AS timestamptz) - CAST($3 AS timestamptz)) WHERE next_measurement_at IS NOT NULL"
                        + " AND status = 'ANALYZING'"
                        + " AND rollout_cluster_id IN (SELECT id FROM rollout_cluster WHERE rollout_id = $1)")
                        .execute(Tuple.of(id, now, pausedAt)))
                .replaceWithVoid();
    }

    /** Abort: not while a cluster already rolls back from a failure, which then ends ROLLED_BACK by itself. */
    public Uni<Void> abort(UUID id) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> lockedWhileNotRollingBack(tx, id, "RUNNING", "PAUSED").chain(ok -> ok
                ? tx.preparedQuery("UPDATE rollout SET control_version = control_version + 1, status = 'ABORTING',"
                        + " reason_code = $2, reason = 'abort requested by a user', paused_at = NULL,"
                        + " updated_at = $3 WHERE id = $1").execute(Tuple.of(id, ReasonCode.ABORT_REQUESTED.name(),
                                now)).replaceWithVoid()
                : refuse(tx, id, "aborted", "only a RUNNING or PAUSED rollout can be aborted, and not while a"
                        + " cluster is already rolling back")));
    }

    public Uni<Void> forceEnd(UUID id, String actor, String reason) {
        OffsetDateTime now = now();
        String detail = "force-ended by " + actor + ": " + reason;
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE rollout SET control_version = control_version + 1, status = 'FAILED', reason_code = $2,"
                + " reason = $3, updated_at = $4, paused_at = NULL, lease_owner = NULL, lease_until = NULL,"
                + " lease_token = lease_token + 1"
                + " WHERE id = $1 AND status NOT IN ('SUCCEEDED', 'ROLLED_BACK', 'ABORTED', 'FAILED')")
                .execute(Tuple.of(id, ReasonCode.FORCE_ENDED.name(), detail, now))
                .chain(rows -> rows.rowCount() == 1 ? endEverything(tx, id, detail)
                        : refuse(tx, id, "force-ended", "it has already ended")));
    }

    /** The lock is released exactly when the rollout is terminal; what never started is skipped. */
    private static Uni<Void> endEverything(SqlConnection tx, UUID id, String detail) {
        return tx.preparedQuery("UPDATE rollout_cluster SET status = 'SKIPPED', reason_code = $2, reason = $3"
                + " WHERE rollout_id = $1 AND status = 'PENDING'")
                .execute(Tuple.of(id, ReasonCode.NOT_STARTED.name(), "not started: " + detail))
                .chain(() -> tx.preparedQuery("UPDATE rollout_step SET status = 'SKIPPED' WHERE status = 'PENDING'"
                        + " AND rollout_cluster_id IN (SELECT id FROM rollout_cluster WHERE rollout_id = $1)")
                        .execute(Tuple.of(id)))
                .chain(() -> tx.preparedQuery("DELETE FROM active_rollout_deployment WHERE rollout_id = $1")
                        .execute(Tuple.of(id)))
                .replaceWithVoid();
    }

    private static Uni<Void> refuse(SqlConnection tx, UUID id, String verb, String rule) {
        return tx.preparedQuery("SELECT status FROM rollout WHERE id = $1").execute(Tuple.of(id)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw ProblemException.notFound("no rollout " + id);
            }
            throw ProblemException.conflict("rollout " + id + " is " + rows.iterator().next().getString("status")
                    + "; it cannot be " + verb + ": " + rule);
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
